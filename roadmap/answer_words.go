package roadmap

// Word lists the question analysis reads. They describe English and the
// way people talk about careers, not any one roadmap: a custom roadmap's
// own vocabulary comes from its YAML.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// levelJudgements judge how well someone does a level's work when they
// come right before its name: "a strong senior", "a mediocre lead".
var levelJudgements = set("strong", "weak", "good", "great", "bad", "average", "solid", "decent", "mediocre",
	"excellent", "exceptional", "effective", "successful", "competent", "typical", "real", "true")

// Words that make a question about a stage or track as such.
var (
	compareWords = set("vs", "versus", "difference", "differences", "different", "differ", "compared", "compare",
		"than", "between", "separates", "separate", "distinguishes", "distinguish", "opposed")
	// contrastWords stand between the two things a comparison weighs:
	// "unit vs integration tests", "observability as opposed to monitoring".
	contrastWords = set("vs", "versus", "or", "opposed", "compared")
	readyWords    = set("become", "becoming", "ready", "readiness", "promotion", "promoted", "promote", "promo", "move",
		"moving", "reach", "switch", "switching", "transition", "path", "jump", "qualify", "grow", "aim", "aiming")
	roleWords = set("role", "roles", "responsibilities", "responsibility", "responsibilites", "duties", "duty", "expected", "expect",
		"expectations", "job", "stage", "track", "specialization", "specialisation", "specialize", "specialise",
		"specialty", "title", "mean", "means", "skills", "career", "overview")
	// fateWords ask whether a role lasts: "are DBAs obsolete", "is devops dying".
	fateWords = set("obsolete", "exist", "extinct", "dying", "dead", "irrelevant", "relevant", "future", "outdated", "replaced")
	nextWords = set("next", "now")
	// Questions like "what should I learn?" with no topic ask for a plan.
	planWords = set("learn", "study", "focus", "start", "begin", "practice", "practise", "improve", "work", "brush",
		"refresh", "revise")
)

// kindWords follow or precede a level's name when it is meant as a level:
// "the api track", "a dba role", "junior developer", "senior engineer".
var kindWords = set("track", "tracks", "stage", "level", "path", "role", "roles", "position", "positions", "job", "jobs",
	"developer", "developers", "dev", "devs", "engineer", "engineers", "programmer", "specialization",
	"specialisation", "title", "rank", "ladder")

// Cues for the asker's side of an activity. A question from the side
// that receives it (an author whose code is reviewed, a mentee, a
// candidate) is about the earlier stages' skills; one from the side that
// gives it (a reviewer, a mentor, an interviewer) about the later ones'.
var (
	// myReceiver follow "my": "my PR", "my mentor", "my lead".
	myReceiver = set("pr", "prs", "pull", "code", "work", "mentor", "reviewer", "reviewers", "interviewer", "interviewers", "first", "cv", "resume",
		"portfolio", "interview", "interviews", "application", "changes", "commits", "mr", "mrs", "growth", "career",
		"progress", "promotion")
	// myGiver follow "my": "my juniors", "my mentee", "my reports".
	myGiver = set("junior", "juniors", "mentee", "mentees", "reports", "intern", "interns", "report", "hires",
		"engineers", "developers", "devs", "team", "team's")
	receiverWords = set("candidate", "applying", "apply", "defensive", "criticism", "annoying", "prep", "prepare",
		"preparing", "preparation")
	// receiving verbs take feedback, comments, reviews.
	receivingVerbs = set("got", "get", "getting", "received", "receive", "receiving", "take", "taking", "handle",
		"handling", "accept", "accepting", "deal", "dealing", "respond", "responding", "reply", "replying", "answer",
		"answering", "address", "addressing")
	receivedThings = set("feedback", "comments", "comment", "criticism", "review", "reviews", "nitpicks")
	giverWords     = set("mentoring", "mentee", "mentees", "reviewing", "onboard", "onboarding", "delegate",
		"interviewing", "hiring", "hire")
	// "mentor a junior", "review someone's", "give feedback", "interview candidates".
	giverVerbs = set("mentor", "review", "coach", "give", "giving", "interview", "teach", "teaching", "help", "helping",
		"approve", "approving", "fail", "reject", "rejecting", "evaluate", "evaluating", "assess", "assessing")
	giverObjs = set("a", "an", "the", "someone", "somebody", "others", "other", "their", "junior", "juniors", "new",
		"intern", "interns", "people", "feedback", "candidates", "candidate", "teammate", "teammates", "colleague",
		"colleagues", "prs", "pull", "code", "changes", "diffs")
)

// toolWords after a topic ask for its tools ("load testing tools"), not
// how to choose one, unless a word of choosing comes before them.
var (
	toolWords    = set("tool", "tools", "tooling")
	toolChoosing = set("right", "picking", "pick", "choosing", "choose", "selecting", "select", "comparing", "compare", "new")
)

// What the asker does to others' work ("I comment on everything") or is
// ("am I too picky") puts them on the giving side.
var (
	askerGives   = set("comment", "nitpick", "approve", "reject", "block", "review")
	criticTraits = set("picky", "nitpicky", "harsh", "strict", "blunt", "critical")
)

// Someone else's habit puts the asker on the giving side: "teammate
// keeps merging without tests", "my mentee never asks questions".
var (
	otherPeople = set("teammate", "teammates", "colleague", "colleagues", "coworker", "coworkers", "mentee",
		"mentees", "intern", "interns", "junior", "juniors", "hire", "hires", "report", "reports")
	habitWords = set("keeps", "keep", "never", "always", "constantly", "refuses", "won", "doesn", "don", "still",
		"rarely")
)

// Cues for a transition between levels: "from junior to mid", "past
// mid-level", "stop being a junior", "become a lead".
var (
	originCues = set("from", "frm", "past", "beyond", "after", "above", "outgrow", "outgrowing", "leave", "leaving")
	destCues   = set("to", "into", "towards", "toward", "become", "becoming", "reach", "for", "promoted", "promotion",
		"promo", "make", "making", "hit", "hitting", "reaching")
	negCues = set("never", "not", "without", "dont", "don", "hate", "dislike", "instead", "rather", "than", "over",
		"less", "nt", "avoid", "isn", "aren", "doesn")
	// selfCues introduce the asker's own level: "I'm a senior", "as a lead".
	selfCues = set("im", "am", "as", "currently", "been", "still")
)

// Cues that a question asks which track fits the asker.
var (
	likeWords = set("like", "love", "enjoy", "enjoying", "prefer", "preferring", "passionate", "interested", "fun", "excites", "excited", "exciting", "drawn", "fascinated", "fascinate", "hate", "dislike", "into", "fan", "likes", "loves", "enjoys", "prefers",
		"fav", "fave", "favorite", "favourite", "jam", "happiest", "excite", "enjoyed", "loved", "liked", "passion")
	choiceWords = set("track", "tracks", "path", "paths", "specialization", "specialisation", "specialize",
		"specialise", "specialty", "career", "direction", "fit", "fits", "suit", "suits", "suited", "which", "pick",
		"choose", "option", "options", "niche", "me")
)

// trackWords ask for a track by name: "which track suits me".
var trackWords = set("track", "tracks", "specialization", "specialisation", "specialize", "specialise", "specialty",
	"niche", "specializations", "specialisations")

// Entering the profession: "become a backend dev", "switch to
// backend", "land my first backend role" ask about the first stage.
var (
	entryCues = set("become", "becoming", "switch", "switching", "into", "land", "landing", "break", "transition", "move", "moving", "join", "enter",
		"go", "going", "pivot", "pivoting")
	professions = set("backend", "developer", "dev", "engineer", "programmer", "programming", "coding")
)

// cameFrom before "from" say where the asker comes from: "coming from
// relational dbs", "switching from java".
var cameFrom = set("coming", "come", "came", "switching", "switched", "moving", "moved", "transitioning", "transitioned")

// startWhen after "starting" make it the start of a career: "starting
// out", "starting now".
var startWhen = set("out", "now", "today", "fresh", "from")

// promoWords make a question about a promotion.
var promoWords = set("promotion", "promotions", "promoted", "promote", "promo")

// phrasal verbs whose noun is the roadmap's word: "back up" a database
// is a backup, "roll back" a deploy a rollback. The second word stays.
var phrasal = map[string]string{
	"back up": "backup", "backing up": "backup", "backed up": "backup", "backs up": "backup",
	"roll back": "rollback", "rolled back": "rollback", "rolling back": "rollback",
	"log in": "login", "logging in": "login", "sign in": "signin", "signing in": "signin",
	"set up": "setup", "setting up": "setup",
	// "level up" at work is getting to the next level.
	"level up": "promoted", "leveling up": "promoted", "levelling up": "promoted", "levelled up": "promoted",
	"leveled up": "promoted",
	// "hand off work to the team" is delegating; "mid sprint" is a time.
	"hand off": "delegate", "handing off": "delegating", "hand work": "delegate",
	"mid sprint": "midway", "mid week": "midway", "mid quarter": "midway", "mid project": "midway",
	"mid release": "midway", "mid meeting": "midway",
}

// learnWords are weak evidence of a question about growing at work.
var learnWords = set("learn", "learning", "study", "studying", "grow", "growing", "improve", "improving")

// definingWords open a question that asks what something is: "what is
// devops", "explain the dba track".
var definingWords = set("what", "s", "is", "are", "a", "an", "the", "whats", "explain", "define", "exactly",
	"so", "ok", "hey", "hi")

// choosingWords weigh options: "dba or devops, which one", "pick between".
var choosingWords = set("or", "vs", "versus", "which", "pick", "choose", "choosing", "between", "decide", "deciding")

// Kinds of work that tell the later stages apart: people (the lead's)
// and hands-on technical work (the senior's).
var (
	peopleWork  = set("people", "others", "helping", "helps", "mentoring", "mentor", "teaching", "teach", "managing", "manage", "management", "leading", "coaching", "talking", "planning", "organizing", "organising")
	handsOnWork = set("code", "coding", "hands", "programming", "technical", "deep", "ic")
)

// needWords ask whether something is needed or expected of a level.
var needWords = set("need", "needs", "necessary", "required", "require", "requires", "expected", "supposed", "must",
	"mandatory", "essential", "worth")

// entryGap may stand between an entry cue and the profession: "switch
// to backend", "land my first backend role".
var entryGap = set("a", "an", "the", "to", "my", "first", "software", "web", "real", "proper", "full", "time", "in")

// askedFor after "ask" make it a career move, not asking for help: "ask
// for a promotion".
var askedFor = set("promotion", "promo", "promoted", "raise", "title", "responsibility", "responsibilities",
	"ownership", "scope")

// Topics a roadmap of skills doesn't answer, as the answer names them.
const (
	topicPay    = "salaries and pay"
	topicEquity = "equity and stock options"
	topicVisa   = "visas and relocation"
	topicLeave  = "time off and benefits"
	topicTax    = "taxes, employment contracts and legal questions"
	topicLayoff = "layoffs and dismissal"
	topicHealth = "burnout and health at work"
	topicHop    = "when to change employers"
	// topicEmployer: choosing between offers, or one company's own hiring
	// and ways ("the amazon leadership principles round").
	topicEmployer  = "choosing between employers and particular companies' hiring"
	topicFreelance = "freelancing and contracting rates"
	topicRemote    = "remote work and office arrangements"
	topicHours     = "working hours and work-life balance"
)

// employerNouns after "switch" or "change" make it a change of employer;
// benefitContext around "benefits" makes them an employer's.
var (
	employerNouns  = set("jobs", "job", "companies", "company", "employers", "employer")
	benefitContext = set("ask", "negotiate", "offer", "offers", "package", "company", "employer", "job", "perks")
)

// beingAway before "on" ("is on vacation") says someone is away.
var beingAway = set("is", "are", "was", "were", "s", "being")

// uncoveredTopics are the words that give such a question away. Words
// with a roadmap meaning too ("pay down debt", "raise an error", "stock
// levels") are read in context by uncoveredTopic.
var uncoveredTopics = map[string]string{
	"salary": topicPay, "salaries": topicPay,
	"compensation": topicPay, "wage": topicPay, "wages": topicPay, "bonus": topicPay, "underpaid": topicPay,
	"equity": topicEquity, "rsu": topicEquity, "rsus": topicEquity,
	"visa": topicVisa, "visas": topicVisa, "sponsor": topicVisa, "sponsorship": topicVisa, "h1b": topicVisa,
	"immigration": topicVisa, "relocate": topicVisa, "relocation": topicVisa, "relocating": topicVisa,
	"vacation": topicLeave, "pto": topicLeave, "holidays": topicLeave, "parental": topicLeave,
	"negotiate": topicPay, "negotiating": topicPay, "negotiation": topicPay,
	"tax": topicTax, "taxes": topicTax, "lawyer": topicTax, "severance": topicLayoff, "layoff": topicLayoff,
	"layoffs": topicLayoff, "fired": topicLayoff,
	"lawsuit": topicTax, "enforceable": topicTax, "noncompete": topicTax,
	"hourly": topicPay, "freelance": topicFreelance, "freelancing": topicFreelance, "freelancer": topicFreelance,
	"freelancers": topicFreelance,
	"burnout":     topicHealth, "burnt": topicHealth, "hop": topicHop, "hopping": topicHop, "hopper": topicHop,
	// pay slips, shares that vest, leave, permits, resigning, workplace law
	"paycheck": topicPay, "paycheque": topicPay, "payslip": topicPay, "payrise": topicPay, "overtime": topicHours, "unpaid": topicPay,
	"vesting": topicEquity, "vest": topicEquity, "vested": topicEquity, "esop": topicEquity, "espp": topicEquity,
	"sabbatical": topicLeave, "maternity": topicLeave, "paternity": topicLeave, "401k": topicLeave, "pension": topicLeave,
	"citizenship": topicVisa, "greencard": topicVisa, "emigrate": topicVisa, "emigrating": topicVisa,
	"resign": topicHop, "resigning": topicHop, "resignation": topicHop, "counteroffer": topicHop, "counteroffers": topicHop,
	"union": topicTax, "unions": topicTax, "unionize": topicTax, "discrimination": topicTax, "harassment": topicTax,
	"contractor": topicFreelance, "contractors": topicFreelance, "moonlighting": topicTax,
	"nda": topicTax, "ndas": topicTax, "overworked": topicHealth, "exhausted": topicHealth, "exhaustion": topicHealth,
}

// Well-known employers, and the words that make a question about one of
// them as an employer ("should I join google or meta", "amazon's bar
// raiser round"), not about its products ("google maps in a delivery
// app"). Preparing for interviews in general is a roadmap skill, so
// "interview" alone is not among them.
var (
	employers     = set("google", "amazon", "meta", "facebook", "microsoft", "apple", "netflix", "faang", "maang", "uber", "stripe")
	employerWords = set("join", "joining", "offer", "offers", "round", "rounds", "onsite", "loop", "culture", "principles",
		"hiring", "hired", "recruiter", "recruiters")
	// Words before "offers" that make them job offers being weighed.
	offerCount = set("both", "two", "three", "multiple", "several", "competing", "counter", "which")
	offerVerbs = set("accept", "accepting", "take", "taking", "decline", "declining", "reject", "turn")
)

// vendorWords after "pay a" make it buying a product, not anyone's pay.
var vendorWords = set("vendor", "vendors", "provider", "service", "saas", "tool", "platform", "company", "third")

// employmentOnly are the words of uncovered topics that are about
// employment whatever else the question says ("can I be fired for...",
// "my non-compete"), so that they need no other career context.
var employmentOnly = set("layoff", "layoffs", "severance", "noncompete", "sponsorship", "h1b", "pto", "rsu", "rsus",
	"payslip", "vesting", "esop", "espp", "sabbatical", "maternity", "paternity", "resignation", "counteroffer", "counteroffers",
	"overtime", "unpaid")

// Words around a number of thousands that make it money: "95k fair",
// "offered 80k".
var (
	moneyNext = set("fair", "a", "per", "usd", "eur", "gbp", "base", "salary", "offer", "tc", "comp", "good", "enough",
		"too", "low", "high", "reasonable", "gross", "net")
	moneyPrev = set("offered", "offer", "make", "making", "earning", "earn", "paid", "asking", "ask", "get", "getting")
)

// questionWords are common words of questions, known so that their typos
// ("waht", "shoud", "realy") are not taken for words the roadmap doesn't
// know.
var questionWords = set("what", "should", "really", "know", "which", "where", "when", "why", "how", "would",
	"could", "want", "there", "their", "about", "because", "without", "everything", "something", "anything",
	"someone", "everyone", "people", "question", "questions", "difference", "different", "level", "specialize",
	"actually", "basically", "probably", "honestly", "experience", "years", "months", "weeks", "started",
	"starting", "idea", "ideas", "please", "thanks", "through", "between", "enough", "better", "faster",
	"fastest", "easiest", "hardest", "best", "worst", "normal", "usually", "always", "never", "still", "deal",
	// chat
	"lol", "tbh", "kinda", "sorta", "yeah", "hmm", "thx", "btw", "idk", "imo", "imho", "fyi", "asap", "omg", "guys",
	"folks", "anyway", "literally", "basically", "super", "pretty", "totally", "tho", "tired", "bored", "sick")

// A level's name stands for people, not the level, after a possessive
// ("my junior"), before "'s" ("a junior's PR") or a plural person word,
// and as the object of a verb about people ("mentor a junior").
var (
	possessives = set("my", "our", "their", "your", "his", "her")
	personAfter = set("teammate", "teammates", "colleague", "colleagues", "coworker", "coworkers", "candidate",
		"candidates", "hire", "hires")
	personVerbs = set("mentor", "mentoring", "mentored", "interview", "interviewing", "help", "helping", "onboard", "onboarding", "hire",
		"hiring", "review", "reviewing", "coach", "coaching", "teach", "teaching", "manage", "managing", "pair",
		"guide", "guiding", "support", "supporting", "give", "giving", "ask", "asking")
)

// prepWords say one gets ready for something; interviewWords name the
// one thing the roadmap teaches preparing for.
var (
	prepWords      = set("prepare", "preparing", "prepared", "preparation", "prep")
	interviewWords = set("interview", "interviews", "interviewing", "interviewer", "interviewers", "onsite", "leetcode",
		"round", "rounds", "screen", "screening")
)

// judgedChoice come before "choice" when it judges what is named: "a
// good choice", "the right career choice".
var judgedChoice = set("good", "great", "right", "bad", "smart", "wise", "best", "safe", "career", "wrong", "poor")

// judgeBefore and judgeAfter around "bad" make it a judgement asked for:
// "is it bad that", "that bad", "bad for my career", "a bad idea".
var (
	judgeBefore = set("it", "that", "this", "so", "too", "really", "as", "be", "is", "trades", "thing", "sign")
	judgeAfter  = set("for", "that", "to", "idea", "sign", "thing", "if")
)

// giveForms and givenThings: "gives me feedback", "gave us comments".
var (
	giveForms   = set("give", "gives", "gave", "giving", "given")
	givenThings = set("feedback", "comments", "criticism", "advice", "notes", "review", "reviews")
)

// peopleNouns end the names of levels that are people: "my tech lead",
// "our new grad", "my database engineer".
var peopleNouns = set("lead", "leads", "leader", "leaders", "grad", "grads", "graduate", "graduates", "engineer",
	"engineers", "developer", "developers", "dev", "devs", "admin", "admins", "administrator", "administrators",
	"intern", "interns", "beginner", "beginners", "newbie", "newbies", "fresher", "freshers")

// usualWords before "for a <level>" ask what the level expects: "is that
// normal for a junior", "typical for a senior".
var usualWords = set("normal", "usual", "typical", "common", "expected", "ok", "okay", "fine", "standard")

// personActs after "a junior" or "the new grad" make it someone who did
// something: "a new grad joined", "the junior broke prod".
var personActs = set("joined", "joins", "asked", "asks", "broke", "breaks", "pushed", "merged", "started", "left",
	"sent", "wrote", "said", "told", "keeps", "kept", "deleted", "dropped", "shipped", "messed")

// likeSubject come before "like" when it says what one likes: "I like",
// "I really like", "I'd like", not "engines like elasticsearch".
var likeSubject = set("i", "we", "really", "also", "actually", "kinda", "do", "d", "much", "more", "truly",
	"genuinely", "always", "just", "u", "you", "quite", "still",
	// someone else's liking chooses a track as well: "for a person who like
	// infrastructure", "he likes data"
	"who", "he", "she", "they")

// feelingWords say how the asker feels about their own progress ("scared
// I'm not smart enough", "imposter syndrome", "falling behind").
var feelingWords = set("scared", "afraid", "nervous", "anxious", "intimidated", "terrified", "imposter", "impostor",
	"overwhelmed", "embarrassed", "dumb", "stupid", "smart", "behind", "insecure",
	"worried", "worry", "useless", "struggling", "frustrated", "lost", "confused", "clueless", "fraud", "inadequate")

// toolBefore come before "manager" when it is software: "password
// manager", "package manager".
var toolBefore = set("password", "passwords", "package", "packages", "window", "file", "files", "task", "download",
	"secrets", "certificate", "dependency", "clipboard")

// earnedThings after "earn" are not money: "earn respect as a new lead".
var earnedThings = set("respect", "trust", "credibility", "promotion", "spot", "seat", "place", "reputation", "right",
	"their", "the", "my")

// wearyWords before "of" dislike what follows: "tired of writing endpoints".
var wearyWords = set("tired", "bored", "sick", "fed")

// practiceWords after "hands-on" make it practice: "hands-on experience".
var practiceWords = set("experience", "practice", "projects", "project", "learning", "exercises", "labs", "skills")

// goBefore come before "go" when it is the language ("code in go", "learn
// go"); goAfter after it when it is the verb ("in go to", "learn go back").
var (
	goBefore = set("in", "learn", "learning", "write", "writing", "use", "using", "or", "and", "vs", "with")
	goAfter  = set("to", "back", "from", "into", "through", "over", "ahead", "away", "for", "on", "out", "up")
)

// seniorPeople after "with a" or "from my" are people the asker learns
// from: "pairing with a senior".
var seniorPeople = set("senior", "seniors", "lead", "mentor", "mentors", "staff", "principal")

// switchWords before "track" make a question about choosing one.
var switchWords = set("switch", "switching", "change", "changing", "pick", "picking", "choose", "choosing", "wrong")

// feelWords say a feeling follows ("feel lost"); feelingNames name one
// ("imposter syndrome"). Neither is a topic of the roadmap's.
var (
	feelWords    = set("feel", "feels", "feeling", "felt")
	feelingNames = set("syndrome")
)

// careerCompounds are two-word phrases about a career whose second word
// is also a roadmap topic: "job security" is not web security.
var careerCompounds = set("job security", "job title", "job market", "job hunt", "job search", "job offer",
	"career path", "career change", "career growth", "new hire", "new hires")

// stackWords may stand between a level's name and a kind word: "senior
// backend engineer", "junior web developer".
var stackWords = set("backend", "software", "web", "server", "side", "level")

// prepositions among destCues must come right before the level's name,
// articles aside: "to a senior role", not "to learn infra"; so must
// "make" and "hit" ("make lead", not "make sure my senior...").
var (
	prepositions = set("to", "into", "towards", "toward", "for", "make", "making", "hit", "hitting")
	articles     = set("a", "an", "the", "be", "being", "full", "proper", "real")
)

// specializeWords ask about choosing a specialization as such.
var specializeWords = set("specialize", "specialise", "specialization", "specialisation", "specializing",
	"specialising", "specialty", "specialties", "specializations", "specialisations", "niche")

// uncoveredWords are the words that give an uncovered topic away, as a set.
var uncoveredWords = func() map[string]bool {
	m := map[string]bool{"pay": true, "paid": true, "raise": true, "earn": true, "earns": true, "earning": true, "stock": true, "compete": true, "legal": true,
		"illegal": true, "legally": true}
	for w := range uncoveredTopics {
		m[w] = true
	}
	return m
}()

// contextPeople after "my" or "our" are people around the asker, context
// rather than topic: "my manager says I should own more".
var contextPeople = set("manager", "boss", "lead", "senior", "seniors", "cto", "colleague", "colleagues", "coworker",
	"coworkers", "teammate", "teammates", "team", "company", "employer", "mentor", "pm", "reviewer", "reviewers",
	"interviewer", "interviewers")

// interrogatives make a sentence a question about how or what, not a
// statement of what one likes.
var interrogatives = set("how", "what", "why", "where", "which", "can", "should", "could", "would", "do", "does",
	"is", "are", "when", "who", "whats", "hows")

// whWords ask a question wherever they stand.
//
// "When" is left out: "I'm happiest when debugging" states a liking.
var whWords = set("how", "what", "why", "where", "which", "who", "whats", "hows")

// Roles after "as" on each side of an activity: "as a lead", "as a junior".
var (
	giverRoles    = set("lead", "senior", "reviewer", "mentor", "manager", "interviewer")
	receiverRoles = set("junior", "beginner", "candidate", "mentee", "author", "intern", "newbie", "hire", "joiner")
)
