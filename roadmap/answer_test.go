package roadmap

import (
	"slices"
	"strings"
	"testing"
)

func defaultIndex(t testing.TB) *Index {
	t.Helper()
	rm, err := Default()
	if err != nil {
		t.Fatalf("default roadmap: %v", err)
	}
	return NewIndex(rm)
}

func label(s Section) string {
	return strings.Join(slices.DeleteFunc([]string{s.Stage, s.Track, s.Skill}, func(s string) bool { return s == "" }), "/")
}

func TestAnswerKinds(t *testing.T) {
	ix := defaultIndex(t)
	tests := []struct {
		q            string
		kind         Kind
		stage, track string
		skill        string
		prev         string // id of the level a move starts from, whose Ready text answers
		next         string // id of the level a readiness question asks about
		offTopic     bool
	}{
		{q: "how do I become a DBA", kind: LevelAnswer, track: "dba"},
		{q: "am I ready for senior?", kind: LevelAnswer, stage: "mid", next: "senior"},
		{q: "how do I grow from mid-level to senior", kind: LevelAnswer, stage: "senior", prev: "mid"},
		{q: "what should I do to move past junior", kind: LevelAnswer, stage: "mid", prev: "junior"},
		{q: "I'm a senior, what does it take to become a tech lead", kind: LevelAnswer, stage: "lead", prev: "senior"},
		{q: "what does a lead do that a senior doesn't", kind: LevelAnswer, stage: "lead"},
		{q: "I like code more than meetings, can I stay senior and never be a lead", kind: LevelAnswer, stage: "senior"},
		{q: "I love automating deployments, is there a career path for that?", kind: LevelAnswer, track: "devops"},
		{q: "I like data more than writing endpoints, which path fits me?", kind: LevelAnswer, track: "dba"},
		{q: "i would rather work on apis than databases", kind: LevelAnswer, track: "api"}, // "I'd rather" is a liking
		{q: "i'd rather tune slow queries than build features", kind: LevelAnswer, track: "dba"},
		// status codes are a junior's HTTP basics; designing them is the API track's
		{q: "what does a 404 status code mean", kind: SkillAnswer, stage: "junior", skill: "internet-and-http"},
		{q: "how do i design http status codes for my rest api", kind: SkillAnswer, track: "api", skill: "api-resource-design"},
		// the level the asker goes to, not another level's skill that shares words
		{q: "moving from api work to the dba track, will i miss coding", kind: LevelAnswer, track: "dba", prev: "api"},
		{q: "switching to devops soon, will i miss writing features", kind: LevelAnswer, track: "devops"},
		{q: "i'm a senior, will i miss coding if i become a lead", kind: SkillAnswer, stage: "lead", skill: "hands-on-balance"},
		// one topic at two stages: the question's own words say which
		{q: "new to testing, what kinds of tests should i write", kind: SkillAnswer, stage: "junior", skill: "unit-testing"},
		{q: "we have unit and end to end tests, whats the right mix", kind: SkillAnswer, stage: "mid", skill: "testing-strategy"},
		// the lead's near neighbours told apart by their own words
		{q: "what goes into an architecture vision for the next two years", kind: SkillAnswer, stage: "lead", skill: "technical-strategy"},
		{q: "status reports for my director, how often", kind: SkillAnswer, stage: "lead", skill: "stakeholder-management"},
		{q: "two seniors clash over the caching approach, how do i handle it as lead", kind: SkillAnswer, stage: "lead", skill: "technical-decisions"}, // a clash is a disagreement
		{q: "my team is split on postgres vs mongo, how do i make the call", kind: SkillAnswer, stage: "lead", skill: "technical-decisions"},
		// the seed's own words: "carve your own niche", "build expertise in
		// your chosen area", "system connections", "coding confidence"
		{q: "how do i carve my own niche in backend", kind: LevelAnswer, stage: "mid"},
		{q: "how do i build expertise in my chosen area", kind: LevelAnswer, stage: "mid"},
		{q: "system connections are what i enjoy most", kind: LevelAnswer, track: "api"},
		{q: "how do i grow my coding confidence", kind: LevelAnswer, stage: "junior"},
		{q: "how do i become more open to feedback", kind: SkillAnswer, stage: "junior", skill: "learning-habits"},
		// feedback someone gives the asker is feedback they take
		{q: "my lead never gives me feedback", kind: SkillAnswer, stage: "junior", skill: "learning-habits"},
		{q: "as a mentee, how do i get the most out of my mentor", kind: SkillAnswer, stage: "junior", skill: "learning-habits"}, // the mentored side
		{q: "i have my first mentee, how do i start", kind: SkillAnswer, stage: "senior", skill: "mentoring-juniors"},
		{q: "my mentor keeps giving me vague feedback, how do i get more out of our 1:1s", kind: SkillAnswer, stage: "junior", skill: "learning-habits"},
		{q: "i'm a senior, what should i polish before interviews", kind: SkillAnswer, stage: "mid", skill: "interview-prep"}, // the candidate's side
		// getting ready for a level and judging a path are about the level
		{q: "how do i prepare for promotion to senior", kind: LevelAnswer, stage: "senior", prev: "mid"},
		{q: "is the generalist path a good choice", kind: LevelAnswer, track: "generalist"},
		{q: "is devops a good career choice", kind: LevelAnswer, track: "devops"},
		{q: "how do i make a good technology choice for a new service", kind: SkillAnswer, track: "generalist", skill: "gen-tool-choice"},
		// a feeling is answered where the asker is; choosing a
		// specialization where the tracks open; whether a level needs
		// another level's topic by the level
		{q: "is it normal to feel lost as a new developer", kind: LevelAnswer, stage: "junior"},
		{q: "how do i deal with imposter syndrome as a senior", kind: LevelAnswer, stage: "senior"},
		{q: "how do i pick a specialization", kind: LevelAnswer, stage: "mid"},
		{q: "is it worth learning kubernetes as a junior", kind: LevelAnswer, stage: "junior"},
		{q: "is kubernetes worth learning", kind: SkillAnswer, track: "devops", skill: "devops-kubernetes"},
		{q: "how do i keep my skills up to date", kind: SkillAnswer, stage: "junior", skill: "learning-habits"},
		{q: "how do i give a junior critical feedback", kind: SkillAnswer, stage: "senior", skill: "mentoring-juniors"},
		{q: "my team lead wants me to mentor an intern but i'm only mid", kind: SkillAnswer, stage: "senior", skill: "mentoring-juniors"},
		// choosing or switching tracks is the stage where they open
		{q: "can i switch tracks later", kind: LevelAnswer, stage: "mid"},
		{q: "what if i pick the wrong track", kind: LevelAnswer, stage: "mid"},
		{q: "i dont want to specialize, i like variety", kind: LevelAnswer, track: "generalist"},
		{q: "i want to work on infrastructure", kind: LevelAnswer, track: "devops"}, // a liking
		{q: "i want to work on my sql skills", kind: SkillAnswer, stage: "junior", skill: "sql-basics"},
		// an individual contributor is the senior stage; "make lead" is where a move goes
		{q: "moving from lead back to an ic role", kind: LevelAnswer, stage: "senior", prev: "lead"},
		{q: "i'm an individual contributor, how do i become a tech lead", kind: LevelAnswer, stage: "lead", prev: "senior"},
		{q: "how do i make lead in two years", kind: LevelAnswer, stage: "lead"},
		{q: "how do i make sure my senior reviews my pr", kind: SkillAnswer, stage: "junior", skill: "code-review-author"},
		{q: "how do i run a technical interview", kind: SkillAnswer, stage: "lead", skill: "hiring"}, // the interviewer's side
		{q: "how do i write a job description for a backend role", kind: SkillAnswer, stage: "lead", skill: "hiring"},
		{q: "my pm wants a deadline, what do i say", kind: SkillAnswer, stage: "lead", skill: "estimation-planning"},
		{q: "how do i earn respect as a young lead", kind: LevelAnswer, stage: "lead"}, // respect is no pay
		{q: "what's above senior", kind: LevelAnswer, stage: "lead", prev: "senior"},
		{q: "how do i get noticed at work", kind: SkillAnswer, stage: "mid", skill: "mid-plateau"},
		{q: "we got hacked, what now", kind: SkillAnswer, track: "devops", skill: "devops-incident-response"},
		{q: "my manager wants me to mentor the new intern but i'm barely out of junior myself", kind: SkillAnswer, stage: "senior", skill: "mentoring-juniors"},
		{q: "been a junior for 8 months, i can do tickets alone now, am i close to mid?", kind: LevelAnswer, stage: "junior", next: "mid"},
		// weariness is a dislike, "want something more X" a liking
		{q: "i'm kind of tired of only writing endpoints, want something more infra-ish", kind: LevelAnswer, track: "devops"},
		{q: "bored of crud apis, i want to do more with data", kind: LevelAnswer, track: "dba"},
		{q: "i want more ownership at work", kind: SkillAnswer, stage: "mid", skill: "feature-ownership"},
		{q: "how do i work with designers and pms to bring ideas to life", kind: SkillAnswer, stage: "senior", skill: "cross-team-collaboration"},
		{q: "how do i stay curious", kind: SkillAnswer, stage: "junior", skill: "learning-habits"},
		{q: "python or go for backend", kind: SkillAnswer, stage: "junior", skill: "programming-language"}, // go the language
		{q: "how do i go from junior to mid", kind: LevelAnswer, stage: "mid", prev: "junior"},
		{q: "how do i review prs faster", kind: SkillAnswer, stage: "senior", skill: "code-review-reviewer"},
		{q: "my interviewer asked me about system design and i froze", kind: SkillAnswer, stage: "mid", skill: "interview-prep"},
		{q: "how do i fail a candidate kindly", kind: SkillAnswer, stage: "lead", skill: "hiring"},
		// a topic asked about at a level: the level's skill, unless it is
		// another level's topic the level is asked to need
		{q: "what security stuff does a dba need", kind: SkillAnswer, track: "dba", skill: "dba-security"},
		{q: "what does a generalist need to know about frontend", kind: SkillAnswer, track: "generalist", skill: "gen-frontend-http"},
		{q: "how much kubernetes does a junior need", kind: LevelAnswer, stage: "junior"},
		{q: "i broke the build, what do i do", kind: SkillAnswer, stage: "mid", skill: "ci-cd"},
		{q: "how long should i try before asking a senior", kind: SkillAnswer, stage: "junior", skill: "learning-habits"}, // a senior asked is a person
		{q: "is being a jack of all trades bad for my career", kind: LevelAnswer, track: "generalist"},                    // a judgement, not bad data
		{q: "how do i stop bad data getting into my tables", kind: SkillAnswer, track: "dba", skill: "dba-schema-design"},
		{q: "i like knowing a little about everything", kind: LevelAnswer, track: "generalist"},
		{q: "what is a vpc", kind: SkillAnswer, track: "devops", skill: "devops-linux-networking"},
		{q: "what's gitops", kind: SkillAnswer, track: "devops", skill: "devops-pipelines"},
		{q: "what is a service mesh", kind: SkillAnswer, track: "devops", skill: "devops-kubernetes"},
		{q: "what is garbage collection", kind: SkillAnswer, stage: "senior", skill: "performance-profiling"},
		{q: "what is a data warehouse", kind: SkillAnswer, track: "generalist", skill: "gen-data-modelling"},
		{q: "how do i hand off tasks to my team", kind: SkillAnswer, stage: "lead", skill: "meetings-and-delegation"}, // delegating
		{q: "product keeps adding scope mid sprint", kind: SkillAnswer, stage: "lead", skill: "project-management"},   // a time, not the mid stage
		{q: "i'd rather code than manage", kind: LevelAnswer, stage: "senior"},
		{q: "i'd rather mentor than code", kind: LevelAnswer, stage: "lead"},
		{q: "what should I learn next?", kind: NextAnswer, stage: "junior"},
		{q: "k8s", kind: SkillAnswer, track: "devops", skill: "devops-kubernetes"},
		{q: "leed engineer role", kind: LevelAnswer, stage: "lead"}, // a short level name's typo before a kind word
		// "how much X" asks about X, at the level named when it has X
		{q: "how much linux do i need for a devops role", kind: SkillAnswer, track: "devops", skill: "devops-linux-networking"},
		{q: "how much sql should a junior know", kind: SkillAnswer, stage: "junior", skill: "sql-basics"},
		{q: "what cloud things should a mid dev learn", kind: SkillAnswer, stage: "mid", skill: "cloud-basics"}, // like "how much"
		{q: "what skills should a junior know", kind: LevelAnswer, stage: "junior"},
		{q: "difference between a senior and a strong mid", kind: LevelAnswer, stage: "senior"}, // not strong consistency
		{q: "only writing tests all week, is that normal for a junior", kind: LevelAnswer, stage: "junior"},
		{q: "seed engineer", kind: NoMatch},
		{q: "got my first PR review with 30 comments", kind: SkillAnswer, stage: "junior", skill: "code-review-author"},
		{q: "how should I review a teammate's pull request", kind: SkillAnswer, stage: "senior", skill: "code-review-reviewer"},
		// A mentor's answer is at the level of the people mentored.
		{q: "how can i mentor the mid-level devs on my team", kind: SkillAnswer, stage: "lead", skill: "growing-people"},
		{q: "i'm mentoring a junior engineer, any tips", kind: SkillAnswer, stage: "senior", skill: "mentoring-juniors"},
		{q: "a new grad joined and i am supposed to onboard them, where do i start", kind: SkillAnswer, stage: "senior", skill: "mentoring-juniors"}, // someone who joined, not the junior stage
		// A dislike asked about is about the thing disliked, or the level
		// when that is another level's work.
		{q: "i really dislike writing documentation, do i have to", kind: SkillAnswer, track: "generalist", skill: "gen-documentation"},
		{q: "i don't like code reviews, can i skip them as a junior", kind: SkillAnswer, stage: "junior", skill: "code-review-author"},
		{q: "i dislike being on call, can i still become a senior", kind: LevelAnswer, stage: "senior", prev: "mid"},
		{q: "i'm not a big fan of being on call, can i still become a senior", kind: LevelAnswer, stage: "senior", prev: "mid"},
		{q: "we took prod down with a bad deploy, what now", kind: SkillAnswer, stage: "senior", skill: "incident-response"},
		{q: "what salary should a mid dev ask for", kind: UncoveredAnswer},
		{q: "how can i level up faster", kind: LevelAnswer, stage: "mid", prev: "junior"}, // like "how do I get promoted"
		{q: "who is the lead singer of queen", kind: NoMatch, offTopic: true},
		{q: "best pizza delivery app in my city", kind: NoMatch, offTopic: true},
		// a roadmap word in an everyday pair takes the everyday sense
		{q: "what should a rest day look like after a long run", kind: NoMatch, offTopic: true},
		{q: "what's a good rest day plan", kind: NoMatch, offTopic: true},
		{q: "rest api design for opening hours of shops", kind: SkillAnswer, stage: "mid", skill: "api-design"},
		{q: "purple elephants dance quietly", kind: NoMatch, offTopic: true},
		{q: "", kind: NoMatch},
		{q: "?!", kind: NoMatch},
	}
	for _, tt := range tests {
		a := ix.Answer(tt.q)
		if a.Kind != tt.kind || a.Stage != tt.stage || a.Track != tt.track || a.Skill != tt.skill {
			t.Errorf("%q: kind %v %s; want kind %v %s/%s/%s", tt.q, a.Kind, label(a.Section), tt.kind, tt.stage, tt.track, tt.skill)
			continue
		}
		if id := levelID(a.Prev); id != tt.prev {
			t.Errorf("%q: Prev = %q, want %q", tt.q, id, tt.prev)
		}
		if id := levelID(a.Next); id != tt.next {
			t.Errorf("%q: Next = %q, want %q", tt.q, id, tt.next)
		}
		switch a.Kind {
		case NoMatch:
			switch {
			case a.Confident || a.OffTopic != tt.offTopic:
				t.Errorf("%q: confident %v, off-topic %v; want a not-sure reply, off-topic %v", tt.q, a.Confident, a.OffTopic, tt.offTopic)
			case tt.offTopic && (len(a.Alternatives) != 3 || a.Alternatives[0].Stage != "junior" || !strings.Contains(a.Text(), WhatIDo)):
				t.Errorf("%q: off-topic reply offers %v, says %q; want the stages and what the bot does", tt.q, a.Alternatives, a.Text())
			case !tt.offTopic && len(a.Alternatives) != 3:
				t.Errorf("%q: %d alternatives; want a not-sure reply with 3", tt.q, len(a.Alternatives))
			}
			if !strings.HasPrefix(a.Text(), NotSure) {
				t.Errorf("%q: text %q does not say it is not sure", tt.q, a.Text())
			}
		case UncoveredAnswer:
			if a.Confident || a.Level == nil || a.Level.ID != "mid" || a.Uncovered != topicPay ||
				!strings.HasPrefix(a.Text(), NotCovered+topicPay) || !strings.Contains(a.Text(), a.Level.Ready) {
				t.Errorf("%q: confident %v, level %v, topic %q, text:\n%s", tt.q, a.Confident, a.Level, a.Uncovered, a.Text())
			}
		default:
			if a.Level == nil || (a.Kind == SkillAnswer) != (a.Item != nil) || a.Text() == "" {
				t.Errorf("%q: Level %v, Item %v, text %q", tt.q, a.Level, a.Item, a.Text())
			}
		}
	}
}

// TestReading checks what the question reading takes from a question,
// one cue at a time, whatever the ranking then makes of it.
func TestReading(t *testing.T) {
	ix := defaultIndex(t)
	tests := []struct {
		q    string
		what string
		got  func(qa parsed) bool
	}{
		{"how do i become a backend dev", "entry", func(qa parsed) bool { return qa.entry }},
		{"how do i land my first job", "entry", func(qa parsed) bool { return qa.entry }},
		{"how do i become a better developer", "no entry", func(qa parsed) bool { return !qa.entry }},
		{"moving from data analyst to backend dev", "entry", func(qa parsed) bool { return qa.entry }},
		{"going from support engineer to the devops track", "a move", func(qa parsed) bool { return qa.levelIntent }},
		{"how do i get promoted faster", "promo", func(qa parsed) bool { return qa.promo }},
		{"do juniors need to know system design", "need", func(qa parsed) bool { return qa.need }},
		{"pushing updates safely, which track handles that", "which track", func(qa parsed) bool { return qa.whichTrack }},
		{"automating releases so nothing breaks, what kind of role is that", "which track", func(qa parsed) bool { return qa.whichTrack }},
		{"keeping payment data secure and always available, what skills is that", "which track", func(qa parsed) bool { return qa.whichTrack }},
		{"what skill is that in the roadmap: writing sql joins", "a skill, not a track", func(qa parsed) bool { return !qa.whichTrack }},
		{"i enjoy keeping data safe, what path is that", "which track", func(qa parsed) bool { return qa.whichTrack }},
		{"i want to be the person who keeps the data safe", "role described", func(qa parsed) bool { return qa.roleDesc }},
		{"kubernetes and terraform are my jam", "a liking", func(qa parsed) bool { return qa.prefer }},
		{"i'm happiest when debugging weird prod issues", "a liking", func(qa parsed) bool { return qa.prefer }},
		{"what cloud stuff should a mid level dev know", "a topic at a level", func(qa parsed) bool { return qa.howMuch }},
		{"what should a senior know", "no topic", func(qa parsed) bool { return !qa.howMuch }},
		{"how do i build expertise in my chosen area", "a stage of work, not people", func(qa parsed) bool {
			return len(qa.mentions) > 0 && !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.person })
		}},
		{"my tech lead said no", "people", func(qa parsed) bool { return len(qa.mentions) == 1 && qa.mentions[0].person }},
		{"carve my own niche", "whose, not ownership", func(qa parsed) bool {
			return !slices.ContainsFunc(qa.terms, func(t term) bool { return t.stem == "own" })
		}},
		{"i'd rather keep servers humming than build features", "a liking", func(qa parsed) bool { return qa.prefer }},
		{"is kubernetes worth learning", "no liking", func(qa parsed) bool { return !qa.prefer }},
		{"lately i enjoy helping others more than coding", "people's work", func(qa parsed) bool { return qa.workSide() > 0 }},
		{"i just want to code and not deal with people", "hands-on work", func(qa parsed) bool { return qa.workSide() < 0 }},
		{"i want to go from writing code to designing systems", "a move, no side", func(qa parsed) bool { return qa.workSide() == 0 }},
		{"my reviewer left 50 comments on my pr", "the author's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"teammate keeps merging stuff without tests", "the giving side", func(qa parsed) bool { return qa.persp > 0 }},
		{"i'm a mentee and my mentor never has time", "the mentee's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"the senior on my team left 20 comments on my pr", "the author's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"i'm a senior, what should i polish before interviews", "the candidate's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"what questions will they ask in a backend interview", "the candidate's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"my first interview as an interviewer is tomorrow", "the interviewer's side", func(qa parsed) bool { return qa.persp > 0 }},
		{"how do i review prs faster", "the reviewer's side", func(qa parsed) bool { return qa.persp > 0 }},
		{"should i approve a pr with small issues", "the reviewer's side", func(qa parsed) bool { return qa.persp > 0 }},
		{"how do i fail a candidate kindly", "the interviewer's side", func(qa parsed) bool { return qa.persp > 0 }},
		{"my interviewer asked me about system design and i froze", "the candidate's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"how do i get the most out of pairing with a senior", "the learner's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"how do i talk about my projects in an interview", "the candidate's side", func(qa parsed) bool { return qa.persp < 0 }},
		{"what should i ask candidates in an interview", "the interviewer's side", func(qa parsed) bool { return qa.persp >= 0 }},
		{"a junior on my team broke the build", "the giving side", func(qa parsed) bool { return qa.persp > 0 }},
		{"how do i gain hands-on experience with apis", "practice, not hands-on balance", func(qa parsed) bool {
			return !slices.ContainsFunc(qa.toks, func(w qword) bool { return w.raw == "hands" })
		}},
		{"should i learn go or rust first", "go the language", func(qa parsed) bool {
			return slices.ContainsFunc(qa.toks, func(w qword) bool { return w.raw == "golang" })
		}},
		{"is it worth learning go for backend", "go the language", func(qa parsed) bool {
			return slices.ContainsFunc(qa.toks, func(w qword) bool { return w.raw == "golang" })
		}},
		{"what skills do i need for the database specialization", "a track named by its topic", func(qa parsed) bool { return qa.topicTrack }},
		{"when should i specialize", "no track named", func(qa parsed) bool { return !qa.topicTrack }},
		{"where do i go from here", "go the verb", func(qa parsed) bool {
			return !slices.ContainsFunc(qa.toks, func(w qword) bool { return w.raw == "golang" })
		}},
		{"i keep getting pulled into meetings", "drawn in, not a pull request", func(qa parsed) bool {
			return !slices.ContainsFunc(qa.toks, func(w qword) bool { return w.stem == "pull" })
		}},
		{"i'm on call this week", "on call is one word", func(qa parsed) bool {
			return slices.ContainsFunc(qa.toks, func(w qword) bool { return w.raw == "oncall" })
		}},
		{"not a fan of being on-call, can i avoid it", "a dislike", func(qa parsed) bool { return qa.dislike }},
		{"not really a big fan of meetings, is that ok", "a dislike", func(qa parsed) bool { return qa.dislike }},
		{"how do i back up a postgres database", "backup", func(qa parsed) bool {
			return slices.ContainsFunc(qa.toks, func(w qword) bool { return w.raw == "backup" })
		}},
		{"is that normal", "normal dropped", func(qa parsed) bool {
			return !slices.ContainsFunc(qa.terms, func(t term) bool { return t.stem == "normal" })
		}},
		{"what is third normal form", "normal form kept", func(qa parsed) bool {
			return slices.ContainsFunc(qa.terms, func(t term) bool { return t.stem == "normal" })
		}},
		{"what's 17 times 23", "a sum", func(qa parsed) bool { return qa.toks[3].class == clLife }},
		{"pay is great but i've never led anyone", "pay settled", func(qa parsed) bool { return qa.uncovered == "" }},
		{"should i negotiate my first offer", "pay", func(qa parsed) bool { return qa.uncovered == topicPay }},
		{"what's the day rate for a contract backend dev", "pay", func(qa parsed) bool { return qa.uncovered == topicPay }},
		{"how do i add rate limiting to my api", "rate limiting", func(qa parsed) bool { return qa.uncovered == "" }},
		{"is it legal for a company to read my slack messages", "legal", func(qa parsed) bool { return qa.uncovered == topicTax }},
		{"what are the legal requirements for storing customer data", "compliance", func(qa parsed) bool { return qa.uncovered == "" }},
		{"how do i start freelancing as a backend developer", "freelancing", func(qa parsed) bool { return qa.uncovered == topicFreelance }},
		{"two offers on the table, which do i take", "offers", func(qa parsed) bool { return qa.uncovered == topicEmployer }},
		{"what is the microsoft onsite loop like", "an employer", func(qa parsed) bool { return qa.uncovered == topicEmployer }},
		{"how do i prepare for a google system design interview", "interview prep", func(qa parsed) bool { return qa.uncovered == "" }},
		{"should we build our own auth or pay a vendor", "buying, not pay", func(qa parsed) bool { return qa.uncovered == "" }},
		{"going from a startup to big tech as a mid", "an employer", func(qa parsed) bool { return qa.uncovered == topicEmployer }},
		{"how much do dbas earn", "pay", func(qa parsed) bool { return qa.uncovered == topicPay }},
		{"is it bad to switch jobs after a year", "changing employers", func(qa parsed) bool { return qa.uncovered == topicHop }},
		{"how do i ask for remote work", "remote work", func(qa parsed) bool { return qa.uncovered == topicRemote }},
		{"is it harder to grow as a junior when fully remote", "growing, not remote work", func(qa parsed) bool { return qa.uncovered == "" }},
		{"what are rpo and rto", "recovery objectives", func(qa parsed) bool { return qa.uncovered == "" }},
		{"what benefits should i ask for in my offer", "benefits", func(qa parsed) bool { return qa.uncovered == topicLeave }},
		{"what are the benefits of caching", "no topic", func(qa parsed) bool { return qa.uncovered == "" }},
		{"which specialization pays best", "pay", func(qa parsed) bool { return qa.uncovered == topicPay }},
		{"do dbas make more than devops engineers", "pay", func(qa parsed) bool { return qa.uncovered == topicPay }},
		{"how many hours a week do backend devs work", "hours", func(qa parsed) bool { return qa.uncovered == topicHours }},
		{"what's a good work life balance for devs", "hours", func(qa parsed) bool { return qa.uncovered == topicHours }},
		{"how long is a normal notice period", "changing employers", func(qa parsed) bool { return qa.uncovered == topicHop }},
		{"can i work two jobs as a developer", "contracts", func(qa parsed) bool { return qa.uncovered == topicTax }},
		{"how do i make more progress than last quarter", "no pay", func(qa parsed) bool { return qa.uncovered == "" }},
		{"how does vesting work at a startup", "equity", func(qa parsed) bool { return qa.uncovered == topicEquity }},
		{"should i quit my job for a senior role elsewhere", "changing employers", func(qa parsed) bool { return qa.uncovered == topicHop }},
		{"how do i leave the team a good runbook", "no topic", func(qa parsed) bool { return qa.uncovered == "" }},
		{"how much time off do backend devs get", "time off", func(qa parsed) bool { return qa.uncovered == topicLeave }},
		{"i'm burned out as a lead", "burnout", func(qa parsed) bool { return qa.uncovered == topicHealth }},
		{"how do you do on-call without burning out", "how to do the work", func(qa parsed) bool { return qa.uncovered == "" }},
		{"my manager put me on a pip", "dismissal", func(qa parsed) bool { return qa.uncovered == topicLayoff }},
		{"pip install fails on my laptop", "no topic", func(qa parsed) bool { return qa.uncovered == "" }},
		{"contractor or permanent role as a mid dev", "contracting", func(qa parsed) bool { return qa.uncovered == topicFreelance }},
		{"is the job market bad for juniors right now", "the market", func(qa parsed) bool { return qa.uncovered != "" }},
	}
	for _, tt := range tests {
		if qa := ix.parse(tt.q); !tt.got(qa) {
			t.Errorf("%q: want %s", tt.q, tt.what)
		}
	}
}

// TestCareerContext checks the questions that share words with the
// roadmap but are about something else, and the career questions that
// look like them.
func TestCareerContext(t *testing.T) {
	ix := defaultIndex(t)
	for _, q := range []string{"what is the best senior living community near me", "my senior dog keeps limping on her back leg",
		"how often should i feed my ball python", "best food delivery app", "what's 17 times 23",
		"what's the deadline for filing taxes", "sprint workouts to get faster at 100m", "where is the nearest post office",
		"gre prep course recommendations",
		// clothes and occasions: "junior high" is a school, not a stage
		"my junior high reunion is next month, what should i wear", "gift ideas for my team lead's birthday party",
		"best docker for a boat", "how do i deploy an airbag", "how to fix a leaking pipeline under the sink",
		"how to monitor my heart rate while running", "best password manager for my family",
		"how do i become a lead climber", "how do i index my spice rack"} {
		if a := ix.Answer(q); a.Kind != NoMatch {
			t.Errorf("%q: got %v %s, want the not-sure reply", q, a.Kind, label(a.Section))
		}
	}
	// Employment by its nature needs no other context.
	for _, q := range []string{"can i be fired for taking a sick day", "does a non-compete stop me from working anywhere",
		"can i take a sabbatical after two years", "how do i word my resignation letter",
		"is it ok to ask for a raise after 6 months", "do i pay tax on stock options", "how do i report harassment at work",
		"how does equity work at startups", "is it normal to work overtime every week", "which specialization pays best"} {
		if a := ix.Answer(q); a.Kind != UncoveredAnswer {
			t.Errorf("%q: got %v %s, want the reply that the roadmap doesn't cover it", q, a.Kind, label(a.Section))
		}
	}
	for _, q := range []string{"how should a senior handle disagreements", "i want to lead a team someday",
		"how do apis work in a food delivery app", "how do i keep learning and adapting", "the business wants real time dashboards, is kafka overkill",
		// the organisation around a team, feelings at work, and a level
		// as what the asker would be
		"my director wants a weekly update from me", "how do you deal with imposter syndrome",
		"would i be senior after four years",
		// the asker's own level is a career context
		"got laid off as a mid, what should i polish", "our sports app's api is slow",
		"which password manager should our team use for shared secrets"} {
		if a := ix.Answer(q); !a.Confident {
			t.Errorf("%q: got %v, want an answer", q, a.Kind)
		}
	}
}

func levelID(l *Level) string {
	if l == nil {
		return ""
	}
	return l.ID
}

func TestAnswerTextParts(t *testing.T) {
	ix := defaultIndex(t)
	a := ix.Answer("how do I get better at the terminal")
	if a.Skill != "os-and-terminal" {
		t.Fatalf("got %s", label(a.Section))
	}
	text := a.Text()
	for _, want := range []string{a.Item.Name, "What it is: ", "Why it matters at this level: ", "How to practise:", "Next step: " + a.Level.Nudges[1].Text} {
		if !strings.Contains(text, want) {
			t.Errorf("answer text lacks %q:\n%s", want, text)
		}
	}
	b := ix.Answer("am I ready for senior")
	if b.Next == nil || !strings.Contains(b.Text(), "Ready for "+b.Next.Title+" when: "+b.Level.Ready) {
		t.Errorf("readiness answer lacks the mid stage's ready text:\n%s", b.Text())
	}
	if tw := b.Toward(); tw.Stage != "senior" || tw.Level.ID != "senior" || tw.Prev != b.Level || tw.Next != nil ||
		!strings.Contains(tw.Text(), "Ready for it when: "+b.Level.Ready) {
		t.Errorf("Toward: %s, level %v, prev %v:\n%s", label(tw.Section), tw.Level, tw.Prev, tw.Text())
	}
	c := ix.Answer("how do I go from junior to mid-level")
	if c.Prev == nil || !strings.Contains(c.Text(), "Ready for it when: "+c.Prev.Ready) {
		t.Errorf("a move's answer lacks the junior stage's ready text:\n%s", c.Text())
	}
}

// TestAnswerFor checks that the asker's level breaks near ties.
func TestAnswerFor(t *testing.T) {
	ix := defaultIndex(t)
	q := "how do I handle incidents and on-call"
	plain := ix.Answer(q)
	if plain.Skill != "incident-response" && plain.Skill != "devops-incident-response" {
		t.Fatalf("%q → %s", q, label(plain.Section))
	}
	if a := ix.AnswerFor(q, "mid", "devops"); a.Skill != "devops-incident-response" {
		t.Errorf("devops member: %q → %s, want devops-incident-response", q, label(a.Section))
	}
	if a := ix.AnswerFor(q, "senior", ""); a.Skill != "incident-response" {
		t.Errorf("senior member: %q → %s, want incident-response", q, label(a.Section))
	}
}

// TestCustomRoadmap checks that a team's own roadmap and synonyms drive
// the answers, not the default roadmap's vocabulary.
func TestCustomRoadmap(t *testing.T) {
	rm, err := Load("testdata/answer-custom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(rm)
	tests := []struct{ q, stage, track, skill string }{
		{q: "how do I get better at tf plans", stage: "apprentice", skill: "terraform-basics"}, // custom synonym tf → terraform
		{q: "what's a hcl module", stage: "apprentice", skill: "terraform-basics"},             // custom synonym hcl
		{q: "whats the deal with gitopps", stage: "journeyman", skill: "argo"},                 // typo of a custom alias
		{q: "how do I become a cloud wizard", track: "wizardry"},                               // track by title
		{q: "how do I become a sorcerer", track: "wizardry"},                                   // track by custom synonym
		{q: "what's different about journeyman vs apprentice", stage: "journeyman"},            // comparison picks the later stage
		{q: "k8s", stage: "journeyman", skill: "argo"},                                         // default synonyms do not leak in
	}
	for _, tt := range tests {
		a := ix.Answer(tt.q)
		if tt.q == "k8s" {
			if a.Confident {
				t.Errorf("%q answered %s from a roadmap that never mentions Kubernetes", tt.q, label(a.Section))
			}
			continue
		}
		if !a.Confident || a.Stage != tt.stage || a.Track != tt.track || a.Skill != tt.skill {
			t.Errorf("%q → %s (confident %v), want %s/%s/%s", tt.q, label(a.Section), a.Confident, tt.stage, tt.track, tt.skill)
		}
	}
}

// TestSlipOf checks which one-letter edits are taken for typos: slips of
// the keyboard, not one real word for another.
func TestSlipOf(t *testing.T) {
	tests := []struct {
		typed, word string
		want        bool
	}{
		{"kubernets", "kubernetes", true}, // left out
		{"desgin", "design", true},        // swapped
		{"writting", "writing", true},     // doubled
		{"databsse", "database", true},    // a neighbouring key
		{"sevrice", "service", true},
		{"frame", "flame", false}, // r and l are far apart
		{"pitch", "patch", false},
		{"harsh", "hash", false},
		{"spent", "sent", false},
	}
	for _, tt := range tests {
		if got := slipOf(tt.typed, tt.word); got != tt.want {
			t.Errorf("slipOf(%q, %q) = %v, want %v", tt.typed, tt.word, got, tt.want)
		}
	}
	ix := defaultIndex(t)
	for q, want := range map[string]string{"how do i frame that choice for the team": "frame", "my lead gave me harsh feedback": "harsh", "databse indexes": "database"} {
		if !slices.ContainsFunc(ix.parse(q).toks, func(w qword) bool { return w.raw == want }) {
			t.Errorf("%q: %q was read as another word", q, want)
		}
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"kubernetes", "kubernetes", true},
		{"kubernets", "kubernetes", true},
		{"terrafrom", "terraform", true},
		{"postgress", "postgres", true},
		{"dockr", "docker", true},
		{"caching", "cachinx", true},
		{"abc", "abcde", false},
		{"terraform", "terrafxxm", false},
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := withinOneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", tt.a, tt.b, got)
		}
		if got := withinOneEdit(tt.b, tt.a); got != tt.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", tt.b, tt.a, got)
		}
	}
}

func TestAnswerConcurrent(t *testing.T) {
	ix := defaultIndex(t)
	want := ix.Answer("how do I set up ci/cd")
	done := make(chan Answer)
	for range 8 {
		go func() { done <- ix.Answer("how do I set up ci/cd") }()
	}
	for range 8 {
		if got := <-done; got.Section != want.Section {
			t.Errorf("concurrent answer %v, want %v", got.Section, want.Section)
		}
	}
}

func BenchmarkAnswer(b *testing.B) {
	ix := defaultIndex(b)
	qs := []string{"how do I get better at SQL performance?", "what does a lead do that a senior doesn't",
		"kubernets deployments and helm charts", "purple elephants dance quietly",
		// Long Slack-style questions cost the most: every word is read
		// for cues and typos.
		"been stuck at mid level for 3 years now, i close tickets fast and my reviews are fine but promo never happens, what am i missing here",
		"a junior on my team took down prod friday with a bad migration, everyone is tense, how should i handle it as lead without making them feel terrible"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Answer(qs[i%len(qs)])
		i++
	}
}

func BenchmarkNewIndex(b *testing.B) {
	rm, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(rm)
	}
}

// TestOffVotes checks when off-topic examples alone decline a question:
// not when every word of it is the roadmap's ("deliver projects on time"
// shares "delivery" with "best food delivery app", not its subject).
func TestOffVotes(t *testing.T) {
	ix := defaultIndex(t)
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"how do I deliver projects on time", false},
		{"cheap flights to rome in june", true},
	} {
		qa := ix.parse(tt.q)
		qa.votes = map[int32]float64{offDoc: 1}
		if got := qa.offVoted(); got != tt.want {
			t.Errorf("%q: offVoted %v, want %v", tt.q, got, tt.want)
		}
	}
}

// "teach me X" is the asker learning X: it answers what "learn X" does,
// never Mentoring junior developers, while teaching someone else still
// is mentoring.
func TestTeachMeIsLearning(t *testing.T) {
	ix := defaultIndex(t)
	for q, learn := range map[string]string{
		"teach me rust":          "learn rust",
		"Teach me SQL":           "learn SQL",
		"can you teach us redis": "can you learn redis",
		"teaching myself python": "learning python",
	} {
		got, want := ix.Answer(q), ix.Answer(learn)
		if got.Section.Skill == "mentoring-juniors" || label(got.Section) != label(want.Section) {
			t.Errorf("%q: %s, want what %q answers (%s)", q, label(got.Section), learn, label(want.Section))
		}
	}
	if a := ix.Answer("how do I teach a junior sql"); a.Section.Skill != "mentoring-juniors" {
		t.Errorf("teaching a junior: %s, want Mentoring junior developers", label(a.Section))
	}
}

// TestJudgedLevel: a word judging the level named after it ("a strong
// senior") is about the level, while the same word before a topic
// ("strong consistency") still names the topic.
func TestJudgedLevel(t *testing.T) {
	ix := defaultIndex(t)
	if a := ix.Answer("what makes someone a strong senior"); label(a.Section) != "senior" {
		t.Errorf("a strong senior: %s, want the senior stage", label(a.Section))
	}
	if a := ix.Answer("strong consistency vs eventual consistency"); a.Section.Skill != "consistency-cap" {
		t.Errorf("strong consistency: %s, want consistency-cap", label(a.Section))
	}
}
