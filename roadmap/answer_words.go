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

// Words that make a question about a stage or track as such.
var (
	compareWords = set("vs", "versus", "difference", "differences", "different", "differ", "compared", "compare",
		"than", "between", "separates", "separate", "distinguishes", "distinguish")
	readyWords = set("become", "becoming", "ready", "readiness", "promotion", "promoted", "promote", "promo", "move",
		"moving", "reach", "switch", "switching", "transition", "path", "jump", "qualify", "grow", "aim", "aiming")
	roleWords = set("role", "roles", "responsibilities", "responsibility", "responsibilites", "expected", "expect",
		"expectations", "job", "stage", "track", "specialization", "specialisation", "specialize", "specialise",
		"specialty", "title", "mean", "means", "skills", "career", "overview")
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

// careerWords put a question in a working, software context: with one of
// them, "lead" is a job and "delivery" a project's.
var careerWords = set("career", "careers", "job", "jobs", "developer", "developers", "dev", "devs", "engineer",
	"engineers", "engineering", "programmer", "programmers", "programming", "coder", "coding", "code", "codebase",
	"software", "backend", "tech", "technical", "company", "companies", "employer", "manager", "boss", "colleague",
	"colleagues", "coworker", "coworkers", "teammate", "teammates", "promotion", "promoted", "promo", "cv",
	"resume", "portfolio", "salary", "salaries", "hired", "recruiter", "onboarding", "standup", "repo",
	"repository", "production", "prod", "interviewer", "interviewers", "roadmap", "mentee", "mentees", "bootcamp",
	"startup", "workplace", "sprint", "ticket", "tickets", "probation", "expertise")

// everyday are words a roadmap uses that also have a common meaning
// outside software. A question whose roadmap words are all of this kind,
// with words the roadmap doesn't know around them ("lead singer", "pizza
// delivery", "senior discount"), is not a career question.
var everyday = set(
	"lead", "leader", "leaders", "leading", "senior", "seniors", "junior", "juniors", "mid", "middle", "intermediate",
	"beginner", "beginners", "experienced", "graduate", "intern", "fresher", "newbie",
	"deliver", "delivery", "delivered", "deliveries", "shipping", "ship", "python", "java", "ruby", "rust", "shell",
	"bash", "spring", "express", "flask", "rails", "cloud", "clouds", "container", "containers", "pipeline",
	"pipelines", "queue", "queues", "table", "tables", "index", "indexes", "rest", "lock", "locks", "key", "keys",
	"branch", "branches", "tree", "bug", "bugs", "log", "logs", "scale", "scales", "scaling", "load", "balance",
	"balancing", "design", "plan", "planning", "budget", "cost", "costs", "bill", "meeting", "meetings", "interview",
	"interviews", "review", "reviews", "feedback", "mentor", "mentors", "coach", "coaching", "teaching", "project",
	"projects", "product", "products", "recovery", "backup", "restore", "migration", "migrate", "incident",
	"incidents", "outage", "pager", "call", "monitor", "monitoring", "alert", "alerts", "security", "secure", "safe",
	"password", "performance", "fast", "faster", "speed", "slow", "test", "tests", "testing", "debt", "decision",
	"decisions", "strategy", "hire", "hiring", "candidate", "candidates", "own", "ownership", "stage", "track", "path",
	"level", "levels", "step", "growth", "record", "records", "docker", "kafka", "helm", "pod", "pods", "scrum",
	"story", "stories", "points", "capacity", "traffic", "network", "web", "server", "servers", "host", "port",
	"ports", "stack", "client", "clients", "deploy", "deployment", "release", "releases", "flag", "flags", "canary",
	"image", "images", "volume", "storage", "store", "commit", "merge", "conflict", "conflicts", "issue", "issues",
	"service", "services", "system", "systems", "model", "models", "form", "forms", "join", "view", "page",
	"pages", "rate", "limit", "limits", "token", "tokens", "gateway", "hook", "error", "errors", "trace", "profile",
	"graph", "chart", "document", "documents", "book", "books", "course", "courses", "cache", "caches", "field",
	"spike", "spikes", "post", "patch", "bucket", "object", "string", "memory", "thread", "threads", "vault",
	"compose", "mongo", "commitment", "health", "ladder", "sprint", "agile", "kanban", "retro", "standup",
	"debug", "debugging", "manage", "management", "team", "teams", "people",
	"decide", "estimate", "estimates", "data", "bank", "customer", "customers", "app", "apps", "order", "orders",
	"map", "maps", "payment", "payments", "update", "updates", "break", "breaking", "safely", "bridge", "bridges",
	"search", "engine", "engines", "plateau", "stuck", "consistency", "consistent", "available", "availability",
	"partition", "cap", "saga", "sagas", "normal", "dead")

// Cues for the asker's side of an activity. A question from the side
// that receives it (an author whose code is reviewed, a mentee, a
// candidate) is about the earlier stages' skills; one from the side that
// gives it (a reviewer, a mentor, an interviewer) about the later ones'.
var (
	// myReceiver follow "my": "my PR", "my mentor", "my lead".
	myReceiver = set("pr", "prs", "pull", "code", "work", "mentor", "reviewer", "reviewers", "first", "cv", "resume",
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
	giverVerbs = set("mentor", "review", "coach", "give", "giving", "interview", "teach", "teaching", "help", "helping")
	giverObjs  = set("a", "an", "the", "someone", "somebody", "others", "other", "their", "junior", "juniors", "new",
		"intern", "interns", "people", "feedback", "candidates", "candidate", "teammate", "teammates", "colleague",
		"colleagues")
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
	originCues = set("from", "frm", "past", "beyond", "after", "outgrow", "outgrowing", "leave", "leaving")
	destCues   = set("to", "into", "towards", "toward", "become", "becoming", "reach", "for", "promoted", "promotion",
		"promo")
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

// promoWords make a question about a promotion.
var promoWords = set("promotion", "promotions", "promoted", "promote", "promo")

// arithmetic between two numbers makes a question a sum: "17 times 23".
var arithmetic = set("times", "plus", "minus", "divided", "multiplied", "x", "over")

// phrasal verbs whose noun is the roadmap's word: "back up" a database
// is a backup, "roll back" a deploy a rollback. The second word stays.
var phrasal = map[string]string{
	"back up": "backup", "backing up": "backup", "backed up": "backup", "backs up": "backup",
	"roll back": "rollback", "rolled back": "rollback", "rolling back": "rollback",
	"log in": "login", "logging in": "login", "sign in": "signin", "signing in": "signin",
	"set up": "setup", "setting up": "setup",
}

// learnWords are weak evidence of a question about growing at work.
var learnWords = set("learn", "learning", "study", "studying", "grow", "growing", "improve", "improving")

// definingWords open a question that asks what something is: "what is
// devops", "explain the dba track".
var definingWords = set("what", "s", "is", "are", "a", "an", "the", "whats", "explain", "define", "exactly",
	"so", "ok", "hey", "hi")

// choosingWords weigh options: "dba or devops, which one", "pick between".
var choosingWords = set("or", "vs", "versus", "which", "pick", "choose", "choosing", "between", "decide", "deciding")

// needWords ask whether something is needed or expected of a level.
var needWords = set("need", "needs", "necessary", "required", "require", "requires", "expected", "supposed", "must",
	"mandatory", "essential")

// entryGap may stand between an entry cue and the profession: "switch
// to backend", "land my first backend role".
var entryGap = set("a", "an", "the", "to", "my", "first", "software", "web", "real", "proper", "full", "time", "in")

// askedFor after "ask" make it a career move, not asking for help: "ask
// for a promotion".
var askedFor = set("promotion", "promo", "promoted", "raise", "title", "senior", "lead")

// Topics a roadmap of skills doesn't answer, as the answer names them.
const (
	topicPay    = "salaries and pay"
	topicEquity = "equity and stock options"
	topicVisa   = "visas and relocation"
	topicLeave  = "time off and benefits"
	topicTax    = "taxes and employment contracts"
	topicLayoff = "layoffs and dismissal"
)

// uncoveredTopics are the words that give such a question away. Words
// with a roadmap meaning too ("pay down debt", "raise an error", "stock
// levels") are read in context by uncoveredTopic.
var uncoveredTopics = map[string]string{
	"salary": topicPay, "salaries": topicPay, "earn": topicPay, "earns": topicPay, "earning": topicPay,
	"compensation": topicPay, "wage": topicPay, "wages": topicPay, "bonus": topicPay, "underpaid": topicPay,
	"equity": topicEquity, "rsu": topicEquity, "rsus": topicEquity,
	"visa": topicVisa, "visas": topicVisa, "sponsor": topicVisa, "sponsorship": topicVisa, "h1b": topicVisa,
	"immigration": topicVisa, "relocate": topicVisa, "relocation": topicVisa, "relocating": topicVisa,
	"vacation": topicLeave, "pto": topicLeave, "holidays": topicLeave, "parental": topicLeave,
	"negotiate": topicPay, "negotiating": topicPay, "negotiation": topicPay,
	"tax": topicTax, "taxes": topicTax, "lawyer": topicTax, "severance": topicLayoff, "layoff": topicLayoff,
	"layoffs": topicLayoff, "fired": topicLayoff,
}

// Words around a number of thousands that make it money: "95k fair",
// "offered 80k".
var (
	moneyNext = set("fair", "a", "per", "usd", "eur", "gbp", "base", "salary", "offer", "tc", "comp", "good", "enough",
		"too", "low", "high", "reasonable", "gross", "net")
	moneyPrev = set("offered", "offer", "make", "making", "earning", "earn", "paid", "asking", "ask", "get", "getting")
)

// lifeWords belong to everyday life far from work and software: food,
// home, garden, animals, sport, music, film, weather, travel, family,
// health. One of them beside a roadmap word with an everyday meaning
// ("lead singer", "pizza delivery", "container gardening") marks a
// question that only shares words with the roadmap.
var lifeWords = set(
	// food and drink
	"food", "pizza", "pizzas", "pasta", "lasagna", "pancake", "pancakes", "egg", "eggs", "yolk", "recipe", "recipes",
	"cook", "cooking", "bake", "baking", "cake", "cakes", "bread", "grill", "grilling", "fry", "frying", "boil",
	"roast", "fish", "meat", "chicken", "beef", "vegan", "soup", "salad", "sandwich", "burger", "coffee", "tea",
	"beer", "wine", "cocktail", "restaurant", "restaurants", "dinner", "lunch", "breakfast", "dessert", "chocolate",
	"flour", "oven", "kitchen", "fridge", "snack", "snacks", "fluffy", "tasty", "delicious", "rice",
	// home and garden
	"house", "houses", "apartment", "roof", "door", "doors",
	"furniture", "sofa", "couch", "bed", "bedroom", "bathroom", "toilet", "shower",
	"plumber", "paint", "painting", "carpet", "fence", "garden", "gardening", "lawn", "plant",
	"plants", "flower", "flowers", "tomato", "tomatoes", "tomatos", "lettuce", "soil", "balcony", "weeds",
	"firewood", "laundry", "washing", "dishwasher", "vacuuming",
	// animals
	"pet", "pets", "dog", "dogs", "puppy", "kitten", "snake", "snakes", "reptile", "bird", "birds",
	"horse", "cow", "calf", "aquarium", "fishing", "zoo", "animal", "animals", "vet",
	// sport and hobbies
	"football", "soccer", "basketball", "baseball", "tennis", "golf", "rugby", "cricket", "hockey", "league",
	"tournament", "championship", "olympics", "marathon", "jogging", "sprinting", "sprinter", "athletics",
	"gym", "workout", "workouts", "yoga", "swim", "swimming", "hike", "hiking", "camping", "backpack", "skiing", "surfing",
	"skydive", "skydiving", "parachute", "climbing", "cycling", "bike", "chess", "karate",
	"varsity", "knitting", "geocaching", "sailing", "puzzle", "lego",
	// music, film, books, fun
	"singer", "song", "songs", "album", "band", "guitar", "guitarist", "piano", "drums", "concert", "lyrics",
	"movie", "movies", "film", "films", "actress", "netflix", "tv", "episode", "binge", "novel", "poem",
	"poems", "joke", "jokes", "birthday", "wedding", "christmas", "halloween", "cinema", "cinemas",
	"theatre", "theater", "celebrity", "queen", "princess",
	// weather, nature, places, travel
	"weather", "rain", "snow", "sunny", "sun", "meteor", "moon", "tonight", "beach", "mountain",
	"everest", "island", "ocean", "sea", "river", "forest", "flight", "flights", "hotel", "vacation",
	"trip", "airport", "passport", "luggage", "abroad", "pack", "packing", "suitcase", "train", "trains", "taxi", "car", "cars", "truck",
	"tyre", "tire", "tires", "parking", "parcel", "paris", "london", "tokyo", "australia",
	// family and health
	"grandma", "grandmother", "grandpa", "kid", "kids", "baby", "son", "daughter", "sister",
	"brother", "mom", "mum", "dad", "wife", "husband", "girlfriend", "boyfriend", "doctor", "dentist",
	"medicine", "pill", "pills", "headache", "flu", "diet", "citizen", "citizens", "discount",
	"discounts", "clothes", "shoes", "haircut", "makeup",
	// school and study outside software
	"homework", "exam", "exams", "gpa", "semester", "kindergarten", "toddler", "toddlers", "prom", "textbook",
	"textbooks", "essay", "essays", "classroom", "teacher", "teachers", "highschool",
	// body and health
	"symptom", "symptoms", "pain", "knee", "knees", "fever", "cough", "allergy", "allergies", "vitamin", "vitamins",
	"pregnant", "pregnancy", "tooth", "teeth", "skin", "injury", "injured", "limping", "leg", "legs", "jaw", "lymph",
	"swollen", "calories", "rash", "poisoning", "sunburn", "acne",
	// more food, home and garden
	"herbs", "spices", "vegetables", "fruit", "fruits", "banana", "pie", "sauce", "cheese", "steak", "sushi", "noodles", "curry", "spicy", "vegetarian", "grocery",
	"groceries", "mattress", "rug", "curtains", "lamp", "shed", "patio", "lawnmower", "furnace", "heater",
	"thermostat", "radon", "mold", "mould",
	// weather and nature
	"thunderstorm", "storm", "storms", "tornado", "hurricane", "earthquake", "volcano", "crude", "oil",
	// places
	"france", "spain", "italy", "germany", "japan", "china", "mexico", "canada", "brazil", "egypt", "greece",
	"texas", "california", "florida", "berlin", "madrid", "rome", "lisbon", "denver", "chicago", "sydney",
	"toronto", "dubai", "bali", "hawaii", "disney", "disneyland", "europe", "asia", "africa",
	// money at home
	"retirement", "mortgage", "mortgages", "loan", "loans", "insurance", "landlord", "pension", "savings",
	// transport
	"highway", "lanes", "road", "roads", "bus", "subway", "toll", "fuel", "petrol", "diesel", "mileage", "bicycle", "motorcycle", "ferry", "airline",
	// games, shows, belief, chance
	"zelda", "nintendo", "playstation", "xbox", "anime", "manga", "comics", "actor", "actors", "horoscope",
	"zodiac", "astrology", "tarot", "bible", "prayer", "election", "president", "lottery", "casino", "poker",
	"betting", "lipstick", "perfume", "stadium", "referee", "runner", "runners",
	// more animals and family
	"cat", "cats", "parrot", "hamster", "rabbit", "turtle", "lizard", "nephew", "niece", "cousin", "uncle", "aunt",
	"grandparents",
	// other trades and pastimes
	"choir", "orchestra", "church", "skating", "judge", "saturday", "sunday", "weekend", "nearby", "neighbour",
	"neighbor", "law", "attorney", "nurse", "nursing", "chef", "accountant", "pilot", "firefighter", "plumber", "hairdresser",
)

// workOf follow "my", "our" or "the" to name a working relationship or
// thing: "my lead", "my manager", "our team", "my PR".
var workOf = set("lead", "manager", "boss", "team", "teams", "teammates", "colleague", "colleagues", "coworker",
	"coworkers", "mentor", "mentee", "senior", "seniors", "junior", "juniors", "reports", "pr", "prs", "code",
	"codebase", "repo", "project", "projects", "company", "job", "career", "interview", "cv", "resume",
	"portfolio", "reviewer", "reviewers", "service", "services", "app", "api", "database", "db", "backend",
	"users", "product", "stack", "startup", "sprint", "standup", "org", "organisation", "organization",
	"department", "tech", "engineers", "developers", "devs", "cto", "staff", "ticket", "tickets", "deploys",
	"pipeline", "system", "systems", "data")

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
	"folks", "anyway", "literally", "basically", "super", "pretty", "totally", "tho")

// A level's name stands for people, not the level, after a possessive
// ("my junior"), before "'s" ("a junior's PR") or a plural person word,
// and as the object of a verb about people ("mentor a junior").
var (
	possessives = set("my", "our", "their", "your", "his", "her")
	personAfter = set("teammate", "teammates", "colleague", "colleagues", "coworker", "coworkers", "candidate",
		"candidates", "hire", "hires")
	personVerbs = set("mentor", "mentoring", "mentored", "interview", "interviewing", "help", "helping", "onboard", "onboarding", "hire",
		"hiring", "review", "reviewing", "coach", "coaching", "teach", "teaching", "manage", "managing", "pair",
		"guide", "guiding", "support", "supporting")
)

// likeSubject come before "like" when it says what one likes: "I like",
// "I really like", "I'd like", not "engines like elasticsearch".
var likeSubject = set("i", "we", "really", "also", "actually", "kinda", "do", "d", "much", "more", "truly",
	"genuinely", "always", "just", "u", "you", "quite", "still")

// feelingWords say how the asker feels about their own progress ("scared
// I'm not smart enough", "imposter syndrome", "falling behind").
var feelingWords = set("scared", "afraid", "nervous", "anxious", "intimidated", "terrified", "imposter", "impostor",
	"overwhelmed", "embarrassed", "dumb", "stupid", "smart", "behind", "insecure",
	"worried", "worry", "useless", "struggling", "frustrated", "lost", "confused", "clueless")

// careerCompounds are two-word phrases about a career whose second word
// is also a roadmap topic: "job security" is not web security.
var careerCompounds = set("job security", "job title", "job market", "job hunt", "job search", "job offer",
	"career path", "career change", "career growth", "new hire", "new hires")

// stackWords may stand between a level's name and a kind word: "senior
// backend engineer", "junior web developer".
var stackWords = set("backend", "software", "web", "server", "side", "level")

// prepositions among destCues must come right before the level's name,
// articles aside: "to a senior role", not "to learn infra".
var (
	prepositions = set("to", "into", "towards", "toward", "for")
	articles     = set("a", "an", "the", "be", "being", "full", "proper", "real")
)

// specializeWords ask about choosing a specialization as such.
var specializeWords = set("specialize", "specialise", "specialization", "specialisation", "specializing",
	"specialising", "specialty", "specialties", "specializations", "specialisations", "niche")

// uncoveredWords are the words that give an uncovered topic away, as a set.
var uncoveredWords = func() map[string]bool {
	m := map[string]bool{"pay": true, "paid": true, "raise": true, "stock": true}
	for w := range uncoveredTopics {
		m[w] = true
	}
	return m
}()

// contextPeople after "my" or "our" are people around the asker, context
// rather than topic: "my manager says I should own more".
var contextPeople = set("manager", "boss", "lead", "senior", "seniors", "cto", "colleague", "colleagues", "coworker",
	"coworkers", "teammate", "teammates", "team", "company", "employer", "mentor", "pm")

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
	receiverRoles = set("junior", "beginner", "candidate", "mentee", "author", "intern", "newbie")
)

// commonWords are words of the roadmap's names and aliases that are
// also common English ("live", "run", "hand", "buy", "routine"). They
// rank like any other word, but as evidence that a question is about
// careers or software they count no more than an everyday word: "what is
// the best senior living community near me" is not about liveness probes.
var commonWords = set("access", "activity", "another", "anywhere", "aside", "asking", "author", "backed", "bad", "bar",
	"bigger", "blue", "boot", "bored", "broad", "broader", "build", "building", "burn", "buy", "buying", "capture",
	"change", "changes", "changing", "check", "choice", "choosing", "cleanup", "company", "condition", "content",
	"context", "control", "crash", "crashes", "create", "cross", "deadline", "deadlines", "defense", "deleted",
	"delivering", "depth", "details", "different", "disaster", "domain", "drill", "dump", "edge", "effective",
	"entry", "environment", "event", "events", "expand", "external", "feeling", "finding", "finish", "focused",
	"follow", "forecast", "format", "fresh", "front", "full", "functional", "giving", "grant", "green", "group",
	"growing", "guides", "hand", "hands", "high", "hit", "horizontal", "hot", "impact", "instantly", "jack", "keep",
	"keeps", "keeping", "lag", "language", "launch", "layers", "leaks", "least", "line", "list", "live", "living",
	"loop", "loss", "maker", "making", "messy", "methods", "multiple", "non", "nothing", "offs", "offset", "one",
	"ones", "online", "operating", "outcomes", "outdated", "output", "owner", "packet", "pair", "pairing", "parts",
	"party", "picking", "player", "point", "policy", "practices", "praise", "prep", "presentation", "presenting",
	"problem", "problems", "process", "processing", "provider", "public", "pull", "push", "pushing", "put",
	"quality", "questions", "quicker", "race", "radar", "range", "ranking", "ratio", "read", "reader", "reading",
	"recent", "relationships", "request", "requests", "requirements", "reserved", "resource", "response",
	"responses", "retrieve", "risking", "roles", "roll", "rolling", "rotation", "routine", "row", "rows", "run",
	"running", "scan", "scheduling", "scope", "secret", "secrets", "securing", "select", "selection",
	"sense", "sensitive", "setting", "shaped", "signature", "single", "small", "soft", "solving", "source", "space",
	"spot", "standards", "state", "statements", "statistics", "status", "staying", "strategies", "streaming",
	"stride", "strong", "style", "sub", "sunset", "text", "thinking", "third", "time", "times", "tool", "top",
	"trade", "trades", "truth", "type", "unit", "user", "users", "value", "variables", "vision", "whole", "wide",
	"without", "works", "write", "writing", "zero", "part", "print", "printed", "day", "days", "worth")
