package roadmap

// Word lists for telling a career or software question from one that only
// shares words with the roadmap. Like answer_words.go they describe
// English, not any one roadmap.

// careerWords put a question in a working, software context: with one of
// them, "lead" is a job and "delivery" a project's.
var careerWords = set("career", "careers", "job", "jobs", "developer", "developers", "dev", "devs", "engineer",
	"engineers", "engineering", "programmer", "programmers", "programming", "coder", "coding", "code", "codebase",
	"software", "backend", "tech", "technical", "company", "companies", "employer", "manager", "boss", "colleague",
	"colleagues", "coworker", "coworkers", "teammate", "teammates", "promotion", "promoted", "promo", "cv",
	"resume", "portfolio", "salary", "salaries", "hired", "recruiter", "onboarding", "standup", "repo",
	"repository", "production", "prod", "interviewer", "interviewers", "roadmap", "mentee", "mentees", "bootcamp",
	"startup", "startups", "pm", "pms", "designer", "designers", "employed", "employment", "unemployed", "workplace", "ticket", "tickets", "probation", "expertise", "degree", "degrees", "offer",
	"offers",
	// the organisation around a team, and what people feel at work
	"director", "directors", "vp", "vps", "ceo", "ic", "ics", "imposter", "impostor", "workload", "coworker")

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
	"level", "levels", "step", "growth", "record", "records", "docker", "helm", "pod", "pods", "scrum",
	"story", "stories", "points", "capacity", "traffic", "network", "web", "server", "servers", "host", "port",
	"ports", "stack", "client", "clients", "release", "releases", "flag", "flags", "canary",
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
	"partition", "cap", "saga", "sagas", "normal", "dead", "politics", "culture")

// arithmetic between two numbers makes a question a sum: "17 times 23".
var arithmetic = set("times", "plus", "minus", "divided", "multiplied", "x", "over")

// everydayCompounds are pairs of words in which a word of the roadmap
// takes its everyday sense: "a rest day after running", "bank holiday
// opening hours", "index a printed book". The pair counts as a word of
// everyday life, however the roadmap uses either of its words.
var everydayCompounds = set(
	"rest day", "rest days", "bed rest", "bank holiday", "bank holidays", "bank branch", "opening hours",
	"opening times", "printed book", "printed books", "paper book", "book index", "index finger",
	"phone book", "senior citizen", "senior citizens", "senior discount", "junior high", "junior school",
	"parking ticket", "speeding ticket", "oil pipeline", "gas pipeline", "shipping container",
	"tree branch", "rain cloud", "corn kernel", "popcorn kernel", "sea shell", "egg shell",
	"dining table", "kitchen scale", "lead poisoning", "lead paint", "fish scale",
	"card game", "card games", "board game", "board games", "query letter", "track meet",
	"stage fright", "lead vocals", "lead singer", "senior year", "senior prom", "junior year",
)

// onlineThings beside "online" mean the web, not a database kept up
// while it changes: "lists online", "online courses", "read online".
var onlineThings = set("list", "lists", "course", "courses", "tutorial", "tutorials", "advice", "resource", "resources",
	"read", "reading", "found", "find", "stuff", "article", "articles", "video", "videos", "bootcamp", "bootcamps",
	"everywhere", "people", "forum", "forums", "post", "posts", "community", "communities", "class", "classes", "degree")

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
	"homework", "popsicle", "grader", "graders", "exam", "exams", "gpa", "semester", "kindergarten", "toddler", "toddlers", "prom", "textbook",
	"textbooks", "essay", "essays", "classroom", "teacher", "teachers", "highschool",
	// admission and language tests ("sat test prep books")
	"sat", "gre", "gmat", "lsat", "mcat", "ielts", "toefl",
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
	// languages, armed forces, crafts
	"greek", "latin", "french", "spanish", "german", "italian", "japanese", "chinese", "arabic", "hindi",
	"army", "military", "navy", "soldier", "soldiers", "sewing", "crochet", "pottery",
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
	// clothes, occasions and pastimes
	"reunion", "reunions", "wear", "wearing", "outfit", "outfits", "dress", "dresses", "wardrobe", "jacket",
	"shirt", "jeans", "gift", "gifts", "holiday", "holidays", "anniversary", "funeral", "picnic", "barbecue", "bbq",
	"dance", "dancing", "ballet", "opera", "museum", "karaoke", "crossword", "sudoku", "bowling", "volleyball",
	"badminton", "boxing", "snowboarding",
	// boats, baking, jewels, insects, places to eat, music and sport
	"boat", "boats", "yacht", "kayak", "canoe", "sourdough", "bakery", "tupperware", "gem", "gems", "jewel",
	"jewelry", "jewellery", "necklace", "seashell", "seashells", "insect", "insects", "ants", "mosquito",
	"mosquitoes", "spider", "spiders", "airbag", "accident", "accidents", "arcade", "waiter", "waitress",
	"harbour", "harbor", "sports", "music", "musician", "yogurt", "batter", "dining", "scenic", "covid", "blood",
	"troops", "hat", "hats", "sink", "faucet", "heart", "family", "families", "elden", "minecraft", "fortnite",
	"pokemon", "roblox", "climber", "climbers", "spice", "mint", "mints",
	// more animals and family
	"cat", "cats", "parrot", "hamster", "rabbit", "turtle", "lizard", "nephew", "niece", "cousin", "uncle", "aunt",
	"grandparents",
	// other trades and pastimes
	"choir", "orchestra", "church", "skating", "judge", "saturday", "sunday", "weekend", "nearby", "neighbour",
	"neighbor", "law", "attorney", "nurse", "nursing", "chef", "accountant", "pilot", "firefighter", "plumber", "hairdresser",
	// stage and screen
	"audition", "auditions", "monologue", "rehearsal", "rehearsals", "musical", "musicals", "broadway", "vocals",
	"vocalist", "drummer", "bassist", "choreography", "recital", "playlist", "spotify", "tiktok", "saxophone", "violin",
	"ukulele", "karaoke", "sitcom", "documentary", "podcast",
	// shopping and errands
	"supermarket", "mall", "coupon", "coupons", "receipt", "refund", "groceries", "toys", "toy", "walmart", "ikea",
	"costco", "amtrak", "stamps", "stamp", "coins", "antique", "antiques", "thrift", "laundromat", "pharmacy",
	// home repair
	"curtain", "curtains", "plasterboard", "drywall", "wallpaper", "renovating", "renovation", "renovations",
	"plumbing", "gutter", "gutters", "attic", "basement", "garage", "sanding", "screws", "nails", "hammer",
	// pets
	"pup", "pups", "leash", "collar", "kennel", "litter", "groomer", "breed", "breeds",
	// health and care
	"cancer", "tumor", "tumour", "chemo", "chemotherapy", "diagnosed", "diagnosis", "kidney", "liver", "diabetes",
	"dementia", "grief", "grieving", "hospital", "surgery", "therapist", "physio", "contractions",
	"midwife", "newborn", "diaper", "diapers", "nap", "naps", "bedtime", "tantrum", "tantrums", "daycare", "nanny",
	// sport
	"laps", "lap", "400m", "100m", "hurdles", "javelin", "relegation", "premier", "nfl", "nba", "fifa",
	"lifeguard", "lifeguards", "tee", "caddie", "racket", "racquet", "bowler", "wicket", "innings",
	"peloton", "geocache", "geocaching",
	// school outside software
	"pta", "recess", "sophomore", "freshman", "yearbook", "graduation", "college", "colleges", "tutor",
	"fractions", "algebra",
	// travel and getting about
	"heathrow", "gatwick", "jfk", "layover", "cruise", "hostel", "resort", "resorts",
	"fare", "fares", "commute", "commuting", "steering",
	// post and books
	"usps", "fedex", "dhl", "courier", "postman", "mailman", "literary", "novelist", "publisher", "manuscript",
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
	"party", "pick", "picking", "player", "point", "policy", "practices", "praise", "prep", "presentation", "presenting",
	"problem", "problems", "process", "processing", "provider", "public", "pull", "push", "pushing", "put",
	"quality", "questions", "quicker", "race", "radar", "range", "ranking", "ratio", "read", "reader", "reading",
	"recent", "relationships", "request", "requests", "requirements", "reserved", "resource", "response",
	"responses", "retrieve", "risking", "roles", "roll", "rolling", "rotation", "routine", "row", "rows", "run",
	"running", "scan", "scheduling", "scope", "secret", "secrets", "securing", "select", "selection",
	"sense", "sensitive", "setting", "shaped", "signature", "single", "small", "soft", "solving", "source", "space",
	"spot", "standards", "state", "statements", "statistics", "status", "staying", "strategies", "streaming",
	"stride", "strong", "style", "sub", "sunset", "text", "thinking", "third", "time", "times", "tool", "top",
	"trade", "trades", "truth", "type", "unit", "user", "users", "value", "variables", "vision", "whole", "wide",
	"without", "works", "write", "writing", "zero", "part", "print", "printed", "day", "days", "worth",
	// common verbs and words of everyday talk
	"find", "found", "report", "reports", "used", "use", "ask", "explain", "explained", "miss", "missed",
	"back", "backwards", "return", "returns", "hold", "collection", "id", "fake", "real", "old", "new",
	"cheap", "free", "save", "saving", "pay", "paying", "open", "close", "start", "stop", "move", "moving")

// trackSubjects before "track" make it a verb: "how to track", "i track",
// "keep track of".
var trackSubjects = set("to", "i", "you", "we", "they", "can", "keep", "keeping", "kept", "lose", "losing", "lost", "and", "should")

// trackObjects after "track" make it a verb: "track my period", "track a
// parcel", "keep track of".
var trackObjects = set("my", "your", "his", "her", "their", "a", "an", "of", "down", "calories", "habits", "time", "spending", "expenses", "steps", "sleep", "weight")

// relatives are the words of lifeWords for people close to the asker,
// who may ask on their behalf: after "my" they name whose career a
// question is about ("my son is studying cs and wants to do backend").
var relatives = set("son", "daughter", "sister", "brother", "mom", "mum", "dad", "wife", "husband", "girlfriend", "boyfriend")

// trades are the words of lifeWords that name a job outside software: in
// a career question they say where the asker comes from ("former
// teacher switching to backend"), not that it is about everyday life.
var trades = set("teacher", "teachers", "nurse", "nursing", "chef", "accountant", "pilot", "firefighter", "plumber",
	"hairdresser", "waiter", "waitress", "attorney", "law", "doctor", "dentist", "musician", "actor", "actors", "soldier",
	"military", "army", "navy", "restaurant", "retail", "kitchen", "cook", "teaching")
