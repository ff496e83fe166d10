/// The words the rule interpreter knows. Kept in one place so the rules read as rules.
enum Vocabulary {
    /// What people say about a film they did not like. Phrases are matched on tokens
    /// (apostrophes dropped: "didn't" is "didnt"), longest first, so "not bad" is not "bad".
    static let negativeCues = [
        "hated", "hate", "hates", "disliked", "dislike", "dislikes", "didnt like", "did not like", "dont like", "do not like",
        "didnt enjoy", "did not enjoy", "didnt love", "didnt care for", "never liked", "not a fan", "no fan", "not into",
        "boring", "bored", "bores", "bore me", "bore", "dull", "tedious", "awful", "terrible", "horrible", "dreadful", "overrated",
        "couldnt stand", "cant stand", "could not stand", "was bad", "were bad", "is bad", "so bad", "pretty bad", "really bad",
        "bad", "worst", "disappointing", "disappointed", "disappointment", "letdown", "let down", "meh", "mediocre",
        "forgettable", "waste", "wasted", "sucked", "sucks", "stupid", "annoying", "annoyed", "lame", "weak", "painful",
        "unwatchable", "fell asleep", "turned it off", "couldnt finish", "didnt finish", "walked out", "not great",
        "not good", "wasnt good", "wasnt great", "wasnt for me", "not for me", "not my thing", "not my cup",
        "couldnt get into", "didnt get", "dragged", "drags", "pretentious", "regret", "nope", "pass on", "hard to sit through",
        "gave up", "dumb", "mess", "garbage", "trash", "crap", "rubbish", "ridiculous", "cringe", "cringy", "predictable",
        "bland", "not worth", "overlong", "hated it", "not so much", "not much", "not really", "not that good", "not so good",
        "not very good", "not impressed", "less so", "put me to sleep", "asleep", "snooze", "snoozefest", "sleep",
        "never again", "never watch", "not again", "wouldnt watch",
        "didnt think much of", "dont think much of", "never thought much of", "didnt think much", "dont think much",
        "didnt see the point", "dont see the point", "didnt see the appeal", "dont see the appeal", "didnt see the hype",
        "dont get the hype", "didnt get the hype",
        // What a film did to the viewer, or failed to do ("Inception confused me").
        "confused", "confusing", "lost me", "made no sense", "makes no sense", "no sense", "over my head", "slog", "chore",
        "fell flat", "overhyped", "left me cold", "nothing for me", "didnt work for me", "didnt do it for me", "didnt click",
        "missed the mark", "not my kind", "not my type", "not my style", "sick of", "tired of", "had enough", "enough of",
        "yawn", "couldnt get through", "tiresome", "no more", "isnt my thing", "wasnt my thing", "isnt for me",
        "arent my thing", "not really my thing",
        "despised", "despise", "loathed", "loathe", "detested", "detest", "annoys", "annoys me", "annoy me", "annoy", "irritating", "irritates",
        // What a film was, said of one that failed ("was just noise", "felt hollow", "a mess").
        "noise", "noisy", "messy", "chaos", "chaotic", "hollow", "empty", "soulless", "lifeless", "pointless", "shallow",
        "nonsense", "junk", "drivel", "dud", "flop", "disaster", "trainwreck", "train wreck", "headache", "overblown",
        "bloated", "overdone", "derivative", "generic", "formulaic", "cliched", "grating", "obnoxious", "exhausting",
        "went on forever", "dragged on", "lost interest", "fell apart", "a miss", "miss for me", "ugh",
        "was slow", "is slow", "felt slow", "so slow", "was so slow",
    ]
    /// What people say about a film they liked; only needed where it must outweigh "seen".
    static let positiveCues = [
        "loved", "love", "loves", "liked", "like", "likes", "enjoyed", "enjoy", "enjoys", "adored", "adore", "adores", "favorite", "favourite",
        "great", "amazing", "awesome", "brilliant", "fantastic", "masterpiece", "excellent", "fun", "funny", "good",
        "beautiful", "wonderful", "perfect", "best", "incredible", "gripping", "not bad", "fine", "ok", "okay",
        "fan of", "big fan", "into", "rewatch", "rewatched", "blew me away", "hilarious", "moving", "cool", "nice", "solid",
        "what a film", "what a movie", "happily", "watch again", "again", "better", "even better", "way better",
        "fav", "fave", "faves", "all time fav", "all time favorite", "rocks", "rocked", "ruled", "rules", "slaps",
        // "Emma was lovely" had been a film named with no feeling.
        "lovely", "superb", "terrific", "delightful", "stunning", "gorgeous", "magnificent", "phenomenal", "outstanding",
    ]
    /// Words before "like" that make it "similar to", not a feeling ("more like Heat",
    /// "something like the second", "I'd like something like…", "looks like"); "|" is where a
    /// film's own words begin. A kind of film named before it is one too: "a dark crime
    /// thriller like heat" asks for more like Heat (`recommend --text` had read "liked Heat").
    static let beforeLikeness: Set<String> = [
        "more", "something", "anything", "stuff", "one", "ones", "film", "films", "movie", "movies", "thing", "things",
        "similar", "much", "just", "kinda", "sorta", "id", "would", "look", "looks", "looking", "sounds", "else", "others",
        "|", "a", "bit", "little", "exactly", "less",
        "thriller", "thrillers", "comedy", "comedies", "drama", "dramas", "western", "westerns", "romcom", "romcoms",
        "musical", "musicals", "documentary", "documentaries", "mystery", "mysteries", "noir", "fi", "scifi", "horror",
        "cartoon", "cartoons", "anime", "heist", "heists", "caper", "whodunit", "flick", "flicks", "picture", "pictures",
        // Typed as texted ("sumthin like superbad" had liked Superbad).
        "sumthin", "sumthing", "somethin", "smth", "sth", "anythin", "nething",
    ]
    /// Verbs that take a listed film away ("get rid of the first one", "drop number 3").
    static let removals: [[String]] = [
        "get rid of", "remove", "drop", "ditch", "scrap", "lose", "cut", "bin", "lose the", "take out", "take off",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Words that mark a film's cast after its title ("the fugitive with harrison ford",
    /// "twelve monkeys starring bruce willis"): what follows is no more of the title.
    static let castCues: Set<String> = ["with", "starring", "featuring", "w"]
    /// Nouns that stand for a film in a description of it ("the one with the shark").
    static let filmNouns: Set<String> = ["one", "movie", "film", "flick", "picture"]
    /// Hedges after a name that keep it a name ("jaws i think", "contact maybe").
    static let hedges: [[String]] = [
        "i think", "i guess", "i believe", "i reckon", "maybe", "perhaps", "probably", "or something", "if i remember",
        "if i recall", "i suppose",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Questions to the assistant that say nothing of the user's own feeling ("have you seen X?").
    static let questionCues = ["have you seen", "did you see", "you seen", "have you watched", "did you watch", "ever seen", "do you know"]
    /// Words that make a clause about the film just named ("Heat. Loved it", "X? one of my favourites").
    static let backReferences: Set<String> = ["it", "its", "one", "that", "this", "they", "them", "those", "both", "was", "is", "were", "what", "such", "so", "total", "absolutely", "really"]
    static let seenCues = ["seen", "already saw", "already watched", "watched it", "watched them", "have watched", "ive watched"]
        // "ok i saw heat", "we watched casablanca last week": the past said by its viewer.
        + ["i saw", "we saw", "saw it", "saw that", "just saw", "finally saw", "i watched", "we watched", "just watched", "finally watched"]
        // Other catalogs' ways of having seen one: books read, audiobooks and albums listened
        // to, games played. "Read" is also the present ("i want to read it"): only its perfect.
        + ["ive read", "have read", "already read", "read it already", "read that already", "read them already", "read it before",
           "finished", "listened to", "played"]

    /// Words after "too" that still praise ("loved it too much" is rare; "too good" is praise).
    static let praiseAfterToo: Set<String> = ["good", "much", "funny"]

    /// What an ordinal before them makes a time ("last weekend", "the first time").
    static let times: Set<String> = [
        "time", "times", "weekend", "week", "night", "year", "month", "day", "summer", "winter", "christmas", "date", "watch",
        "viewing", "evening", "morning",
    ]
    /// Words that turn away what follows closely ("too" too: "way too scary" wants less of it).
    static let exclusionCues: Set<String> = ["no", "not", "nothing", "without", "except", "avoid", "skip", "hate", "never", "less", "dont", "isnt", "too"]

    /// Pronouns that are also titles ("It", "Us", "Her").
    static let pronouns: Set<String> = ["it", "us", "her", "him", "them", "me", "you", "she", "he", "we", "they"]
    /// Words that negate the praise or appeal after them ("doesn't appeal", "isn't for me").
    static let negators: Set<String> = [
        "not", "isnt", "wasnt", "arent", "werent", "doesnt", "didnt", "dont", "wont", "wouldnt", "never", "hardly", "cant",
    ]
    /// Dislikes that a negation before them turns into mild praise ("wasn't bad", "never
    /// boring", "didn't hate it"): judgements of the film, not what one would do with it
    /// ("won't waste my time on it" stays a dislike).
    static let turnableDislikes: Set<String> = [
        "bad", "awful", "terrible", "horrible", "dreadful", "boring", "bored", "dull", "tedious", "hate", "hated", "dislike",
        "disliked", "overrated", "disappointing", "disappointed", "mediocre", "forgettable", "stupid", "annoying", "lame", "weak",
        "painful", "predictable", "bland", "pretentious", "overlong", "confusing", "cringe", "cringy", "dumb", "meh", "regret",
        "mess", "messy", "pointless", "shallow", "generic", "formulaic", "derivative", "overhyped",
    ]
    /// Openings that turn round the opinion after them ("I didn't think Heat was bad", "can't say
    /// I liked it"): the next cue says the opposite.
    static let negatedOpinions: [[String]] = [
        "dont think", "didnt think", "do not think", "did not think", "never thought", "wouldnt say", "would not say",
        "wouldnt call", "dont find", "didnt find", "cant say", "cannot say", "couldnt say",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Negations before a verb of seeing that make a film one not seen yet ("never seen",
    /// "haven't seen", "didn't see"): new to the user, neither seen nor liked.
    static let unseenNegators: Set<String> = negators.union(["havent", "hasnt", "hadnt"])
    /// Words that may stand between that negation and the verb ("haven't actually seen").
    static let unseenFillers: Set<String> = ["ever", "even", "actually", "yet", "really", "still", "properly", "it"]
    /// Other ways to say a film is not seen yet ("yet to see it", "never got round to it").
    static let unseenPhrases: [[String]] = [
        "yet to see", "yet to watch", "new to me", "never got round to", "never got around to", "never got to see",
        "never got to watch", "not got round to", "not gotten around to", "havent got round to", "havent gotten around to",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Words after "haven't seen it" that make it seen long ago ("in years", "since I was a kid").
    static let sinceLongAgo: Set<String> = ["since", "years", "ages", "forever", "decades", "yonks", "until", "till", "til"]
    /// The same said in two words ("in a while", "in a long time"; "is it long?" asks).
    static let sinceLongAgoPhrases: [[String]] = [["a", "while"], ["long", "time"]]
    /// Words after "didn't see it" that say only where it was not seen ("didn't see fargo in
    /// theaters but loved it on dvd"): no film new to the user.
    static let notSeenThere: Set<String> = ["theaters", "theatres", "theater", "theatre", "cinema", "cinemas", "screen", "imax"]
    /// Words that open a turn to go on, not praise ("ok i saw heat", "okay we have seen…"):
    /// "ok" is praise only said of a film ("heat was ok").
    static let openers: Set<String> = ["ok", "okay", "k", "kk", "okey", "oki", "okie", "alright", "allright", "aight"]
    /// What a film does for a viewer who likes it; negated, a dislike.
    static let appeal: Set<String> = [
        "appeal", "appeals", "appealing", "appealed", "interest", "interests", "interested", "grab", "grabs", "grabbed",
        "excite", "excites", "excited", "work", "works", "worked", "click", "clicked", "for", "impress", "impressed",
        "care",
    ]
    /// Words before "but" that make it "except" ("anything but romance").
    static let wholes: Set<String> = ["anything", "everything", "whatever", "all"]
    /// Words that start a wish: a dislike said before one is about something else
    /// ("that bored me, so maybe a comedy").
    static let wishStarts: Set<String> = [
        "want", "wanna", "need", "give", "show", "maybe", "something", "some", "prefer", "rather", "instead", "so", "now",
        "how", "what", "about", "perhaps", "mood", "feel", "feeling", "find", "recommend", "suggest", "sumthin", "sumthing", "somethin",
        "preferably", "ideally", "hopefully", "possibly", "looking",
    ]
    /// Words that start a wish turned away, standing for the film wanted as "something" does
    /// ("…, nothing too violent", "…, anything but horror"): after a pause, a new phrase.
    static let wishesTurnedAway: Set<String> = ["nothing", "anything", "none"]
    /// Whether `phrase` (tokens) stands in `tokens` at `index`.
    static func phrase(_ phrase: [String], at index: Int, in tokens: [String]) -> Bool {
        index + phrase.count <= tokens.count && tokens[index..<(index + phrase.count)].elementsEqual(phrase)
    }

    /// A wish's start turned round ("not in the mood for anything sad", "don't want gore"):
    /// what follows is turned away, however far the negation stands from it.
    static let negatedWishStarts: [[String]] = [
        "not in the mood", "not really in the mood", "not in a mood", "dont want", "do not want", "dont wanna", "not looking for",
        "dont feel like", "do not feel like", "not feeling", "not up for", "cant do", "cant handle", "cant stand", "cannot stand",
        "not a fan of", "no more", "spare me", "keep away from", "stay away from", "steer clear of",
        // "I have no patience whatsoever for excessive violence" had asked for violent films.
        "no patience", "little patience", "no time for", "cant deal with", "cannot deal with", "sick of", "tired of", "fed up with",
        "had enough of", "neither of us wants", "none of us wants", "nobody wants", "no one wants", "h8", "h8s",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Whether any of `phrases` stands anywhere in `tokens`.
    static func contains(_ phrases: [[String]], in tokens: [String]) -> Bool {
        tokens.indices.contains { index in phrases.contains { phrase($0, at: index, in: tokens) } }
    }

    /// Phrases with which a turn takes back what it asked before ("actually a drama", "on
    /// second thought", "scratch that"), by tokens.
    static let correctionCues: [[String]] = [
        "actually", "instead", "rather", "changed my mind", "change my mind", "on second thought", "on second thoughts",
        "scratch that", "forget that", "forget it", "never mind", "nevermind", "i meant", "no wait", "wait no", "make that",
        "make it", "switch to", "swap to",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Words after "no" that make it an interjection taking back what was said ("no wait").
    static let takingBack: Set<String> = ["wait", "sorry", "actually", "hang", "hold", "scratch", "rather"]
    /// Words about the people in or behind films (what a catalog without cast cannot answer).
    static let peopleWords: Set<String> = [
        "actor", "actors", "actress", "actresses", "cast", "starring", "starred", "costar", "director", "directors",
        "directed", "filmmaker", "filmmakers",
    ]
    /// Given names of actors and directors people name: a name said where a film's goes that
    /// starts with one is a person's ("I can't stand Tom Cruise"), not a film not found.
    static let givenNames: Set<String> = [
        "adam", "al", "alan", "alec", "alfred", "angelina", "anne", "anthony", "arnold", "audrey", "ben", "bette", "bill", "billy",
        "brad", "bruce", "burt", "cameron", "cary", "charlie", "charlize", "chris", "christian", "christopher", "clint", "colin",
        "daniel", "danny", "david", "demi", "denzel", "diane", "dustin", "dwayne", "ed", "eddie", "emma", "ethan", "ewan",
        "francis", "gary", "gene", "george", "glenn", "goldie", "grace", "gregory", "gwyneth", "harrison", "harvey",
        "helen", "holly", "hugh", "humphrey", "ingrid", "jack", "jackie", "james", "jamie", "jane", "jason", "jeff", "jennifer",
        "jessica", "jim", "jodie", "joe", "joel", "john", "johnny", "jon", "judi", "julia", "julianne", "kate", "keanu", "kevin",
        "kirk", "kurt", "laurence", "leonardo", "liam", "lucy", "marilyn", "mark", "martin", "matt", "matthew", "mel", "meg",
        "meryl", "michael", "michelle", "mike", "morgan", "natalie", "nicolas", "nicole", "oliver", "orson", "paul", "penelope",
        "peter", "quentin", "ralph", "richard", "ridley", "robert", "robin", "russell", "ryan", "sally", "sam", "samuel",
        "sandra", "sarah", "scarlett", "sean", "sigourney", "sofia", "sophia", "spike", "stanley", "steve", "steven",
        "susan", "sylvester", "tim", "tom", "tommy", "tony", "uma", "val", "vin", "wes", "whoopi", "will", "william", "winona",
        "woody",
    ]
    /// Questions about who is in a film, by tokens.
    static let peopleQuestions: [[String]] = [
        "who is in", "whos in", "who was in", "who plays", "who played", "who stars", "who starred", "who acts", "who made",
        "who directed",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Words that join items of a list ("Heat, Se7en and Alien").
    static let connectors: Set<String> = ["and", "or", "nor", "plus", "then", "also", "as", "well", "both"]
    /// Words that start a new clause and turn the feeling around.
    static let clauseBreaks: Set<String> = ["but", "though", "although", "however", "whereas", "yet"]

    /// Words before a film's name that show the sentence treats it as one ("loved", "than").
    static let filmVerbs: Set<String> = [
        "loved", "love", "loves", "liked", "like", "likes", "enjoyed", "enjoy", "adored", "adore", "hated", "hate", "hates",
        "disliked", "dislike", "watched", "watch", "watching", "rewatched", "rewatch", "saw", "seen", "see", "about", "than",
        "recommend", "mean", "meant", "including", "especially", "favorite", "favourite", "fan", "fans", "unlike",
        "dug", "digged", "caught", "finished", "tried", "called", "titled", "named", "movie", "film", "movies", "films",
        "not", "except", "into", "thought", "think", "found", "find", "felt", "guess", "reckon", "omg", "know", "tried", "try",
        "skip", "minus", "excluding",
        // "couldn't stand heat": the verb of a dislike said in two words, and dislikes in one.
        "stand", "despised", "despise", "loathed", "loathe", "detested", "detest",
        // "anything similar to the rock".
        "similar",
        // What is done with other catalogs' items ("i've read dune", "listened to it", "played portal").
        "read", "listened", "played",
        // "he quotes heat": said of a film known by heart.
        "quote", "quotes", "quoted",
        // "my dad adores se7en", "she enjoys heat": a verb of someone else's (a trial's "se7en"
        // after "adores" was a film not found, the words that name one not naming it here).
        "adores", "enjoys", "despises", "loathes", "detests", "watches", "rewatches",
    ]
    /// Words skipped when looking back from a name for a film verb ("I really loved the…").
    /// Words that, right before praise, a genre or a mood, only say how much ("stupid funny").
    static let slangDegrees: Set<String> = [
        "stupid", "stupidly", "insanely", "ridiculously", "crazy", "wicked", "wickedly", "hella", "seriously", "super", "mega",
        "absurdly",
    ]
    static let intensifiers: Set<String> = [
        "really", "totally", "absolutely", "also", "just", "always", "truly", "so", "quite", "both", "even", "still",
        "actually", "honestly", "definitely", "very", "much", "too", "again", "recently", "once", "the", "of", "to",
        "personally", "frankly", "well", "oh", "yeah", "sadly", "surprisingly", "obviously", "like",
        "similar", "as", "good", "such",
    ]
    /// Adverbs that may stand between a film's name and what is said of it ("heat still bores me").
    static let adverbs: Set<String> = ["still", "really", "totally", "absolutely", "just", "honestly", "truly", "actually", "always", "so", "kinda"]
    /// Words after a name that show it is the subject ("Speed was great", "Heat bored me").
    static let predicates: Set<String> = [
        "was", "is", "were", "are", "has", "had", "have", "made", "makes", "bored", "bores", "scared", "left", "blew",
        "gave", "got", "kept", "felt", "feels", "rocks", "rocked", "sucked", "sucks", "ruled", "stinks", "wasnt", "isnt",
        "werent", "arent", "did", "didnt", "dragged", "drags", "moved", "touched", "really", "not", "never", "always",
        "put", "puts", "deserves", "deserved", "holds", "stands", "annoyed", "disappointed", "remains", "confused", "lost",
        "went", "fell", "missed", "doesnt", "does", "wont", "cant", "wouldnt", "couldnt", "aint",
        "annoys", "bores", "irritates", "bugs", "bore", "annoy", "suck",
    ]
    /// Words before a noun that make it an everyday thing ("my mother", "a crash").
    static let determiners: Set<String> = [
        "my", "your", "his", "her", "our", "their", "its", "a", "an", "some", "this", "that", "these", "those", "any", "no",
        "every", "each", "another", "mum", "mom", "dad",
    ]
    /// Words that ask for nothing by themselves: little words, feelings about films named,
    /// verbs about watching. A turn made only of these and titles gives no words to search by.
    /// A turn of these words only greets ("hi", "hello there"): nothing to search for.
    static let greetings: Set<String> = ["hi", "hello", "hey", "hiya", "howdy", "yo", "greetings", "heya", "hullo", "there", "curator"]

    /// Words that thank or take leave ("thanks", "bye"). A turn of these and `closingWords`
    /// only, naming no film, ends the exchange: it is answered, not searched ("ok bye" had been
    /// a film the catalog lacks and a person's name; "thanks, that is all" a fresh list).
    static let closings: Set<String> = ["thanks", "thank", "thankyou", "thx", "ty", "tysm", "cheers", "bye", "byebye", "goodbye", "goodnight", "cya", "ciao"]
    /// What goes with a thanks or a goodbye ("perfect, thanks a lot", "that's all, bye").
    static let closingWords: Set<String> = [
        "ok", "okay", "k", "perfect", "great", "awesome", "cool", "nice", "lovely", "brilliant", "wonderful", "amazing", "super", "excellent",
        "good", "fine", "sounds", "looks", "that", "thats", "this", "is", "was", "all", "it", "for", "now", "you", "so", "much", "very", "a",
        "lot", "bunch", "many", "again", "see", "ya", "night", "will", "do", "done", "ill", "im", "i", "we", "these", "those", "them",
        "enough", "help", "helpful", "the", "tips", "suggestions", "recommendations", "list", "and", "then", "oh", "alright", "really",
        "have", "watch", "check", "out", "try", "bud", "mate", "buddy", "friend", "mr", "curator", "man", "dude", "folks", "yes", "yeah", "yep",
    ]

    /// Whether `tokens` only thank or take leave (`closings`, with `closingWords` and greetings).
    static func closes(_ tokens: [String]) -> Bool {
        // "so long!" takes leave too (it had been a wish about running time).
        let soLong = tokens.indices.contains { phrase(["so", "long"], at: $0, in: tokens) }
        return (tokens.contains(where: closings.contains) || soLong)
            && tokens.allSatisfy { closings.contains($0) || closingWords.contains($0) || greetings.contains($0) || soLong && $0 == "long" }
    }

    static let saysNothingWanted: Set<String> = {
        var words = stopwords.union(fillers).union(intensifiers).union(filmVerbs).union(predicates).union(connectors)
        for cue in negativeCues + seenCues { words.formUnion(cue.split(separator: " ").map(String.init)) }
        // "actually", "on second thought": how a turn corrects itself, not what it asks for.
        for cue in correctionCues { words.formUnion(cue) }
        words.formUnion(["after", "all", "allowed", "then", "guess", "mind", "fine", "ok", "okay", "alright"])
        // "haven't seen casablanca yet", "never seen the godfather, should i?": a film not seen, no wish
        // (searched, "havent seen yet" had found horror films).
        words.formUnion(unseenNegators.union(unseenFillers).union(["hadnt", "yet", "should", "shall", "saw", "watched"]))
        // "can't say I liked it": an opinion turned round asks for nothing.
        for opinion in negatedOpinions { words.formUnion(opinion) }
        words.formUnion([
            "why", "ive", "id", "ill", "im", "youre", "didnt", "dont", "cant", "couldnt", "wasnt", "it", "one", "ones", "film", "films",
            // Contractions without their apostrophe ("something we'd both enjoy" had wished for "wed").
            "wed", "weve", "well", "youd", "youve", "youll", "theyd", "theyve", "theyll", "hed", "shes", "hes", "itll", "thatd",
            "wont", "wouldnt", "shouldnt", "isnt", "arent", "werent", "hasnt", "havent", "doesnt", "lets", "both",
            "movie", "movies", "something", "anything", "recommend", "recommendation", "please", "want", "would", "could",
            "already", "last", "night", "yesterday", "week", "ago", "twice", "times", "once", "lot", "much", "more", "honestly", "only",
            // What another person does with a film ("my son is obsessed with Toy Story", "dad swears by Die Hard").
            "obsessed", "swears", "swear", "cried", "quotes", "quoted", "rewatches", "watches", "adores", "enjoys",
        ])
        words.formUnion(greetings)
        // Words that ask for a kind of film stay, even where they also praise ("funny", "fun").
        return words.subtracting(genres.keys).subtracting(moods.keys)
    }()
    /// Words of everyday chat the reader knows (little words, feelings, genres, moods, times):
    /// a word outside them straight after a title may be more of a title.
    static let everyday: Set<String> = saysNothingWanted.union(commonWords).union(clauseBreaks).union(countUnits)
        .union(wishStarts).union(wishesTurnedAway).union(refusals).union(genres.keys).union(moods.keys).union(decadeWords.keys)
        .union(praise).union(positiveCues).union([
            "lol", "haha", "tho", "btw", "though", "yesterday", "tonight", "cinema", "theater", "theatre", "tv", "netflix",
            "dvd", "bluray", "streaming", "twice", "kid", "teen", "teenager", "child", "recent", "recently", "without", "avoid", "skip",
            // What people say of a list they want, which no title or name is made of.
            "decent", "fresh", "popular", "obscure", "hidden", "gem", "gems", "underrated", "overrated", "mainstream", "idk",
            "else", "different", "interesting", "unusual", "random", "famous", "known", "unknown", "lesser", "quality", "solid",
        ])

    /// Whether the reader knows nothing of `word` (nor of its stem): not an everyday word, not
    /// a number, a year or an adverb ("honestly").
    static func isUnknown(_ word: String) -> Bool {
        word.count >= 3 && Int(word) == nil && !word.hasSuffix("ly") && YearPhrases.decade(word) == nil && !YearPhrases.eraWords.contains(word)
            && !YearPhrases.boundWords.contains(word)
            && !everyday.contains(word) && !everyday.contains(RuleInterpreter.stem(word))
    }

    /// Praise, which says nothing wanted where it is said of a film named ("loved heat"), and
    /// is a wish where no film is ("something beautiful").
    static let praise: Set<String> = Set(positiveCues.flatMap { $0.split(separator: " ").map(String.init) })
        .subtracting(genres.keys).subtracting(moods.keys)

    /// Words before "war" that name a war, not the genre ("world war 2", "the civil war").
    static let namedWars: Set<String> = ["world", "civil", "vietnam", "cold", "korean", "gulf", "iraq", "trojan", "great", "revolutionary", "spanish"]

    /// Words for a child, before the age said of them ("my son is 4").
    static let childWords: Set<String> = [
        "kid", "kids", "son", "sons", "daughter", "daughters", "child", "children", "boy", "boys", "girl", "girls", "twins",
        "nephew", "niece", "nephews", "nieces", "grandson", "granddaughter", "grandkids", "grandchildren", "toddler", "little",
    ]

    /// Words that open a yes/no or which-question ("is jumanji ok…?", "which is better…?").
    static let questionOpenings: Set<String> = [
        "is", "are", "was", "were", "would", "will", "should", "could", "can", "does", "do", "did", "which", "isnt", "wasnt",
    ]

    /// Words that refer to another film of a series ("the sequel", "the original", "part 2").
    static let seriesWords: Set<String> = ["sequel", "sequels", "prequel", "prequels", "original", "part"]

    /// Words for a listed film after its place ("the second one", "the 3rd pick").
    static let placeNouns: Set<String> = ["one", "ones", "film", "movie", "pick", "option", "choice", "suggestion", "title", "item", "entry"]

    /// Verbs after which a name is a film's ("i liked twelve monkeys", "we watched the rock").
    static let namingVerbs: Set<String> = [
        "loved", "liked", "enjoyed", "adored", "hated", "disliked", "despised", "loathed", "detested", "watched",
        "rewatched", "saw", "seen", "love", "adore", "hate", "enjoy", "rewatch", "loves", "likes", "enjoys", "adores", "hates",
        "watch",
    ]
    /// What is said of a film's parts, not a film ("loved the soundtrack", "hated the ending").
    static let filmParts: Set<String> = [
        "acting", "soundtrack", "music", "ending", "endings", "plot", "story", "cast", "characters", "character", "effects",
        "visuals", "cinematography", "script", "dialogue", "dialog", "score", "pacing", "twist", "scenes", "scene",
        "performances", "performance", "direction", "writing", "jokes", "humor", "humour", "book", "books", "series",
        "show", "shows", "franchise", "genre", "style", "vibe", "vibes", "atmosphere", "costumes", "soundtracks",
        "trailer", "trailers", "sequel", "sequels", "prequel", "original", "remake", "version", "cut", "director",
        "actor", "actress", "lead", "villain", "hero", "songs", "song", "ones", "lot", "bits", "parts", "part", "start",
        "beginning", "middle", "end", "premise", "idea", "concept", "setting", "world", "costume", "makeup", "cgi",
        "trilogy", "saga", "whole", "films", "movies", "film", "movie", "stuff", "work",
    ]
    /// Words that may stand around a place in the last list in a turn that only picks it
    /// ("the second one please", "i'll take the first", "let's go with number 3").
    static let choosing: Set<String> = fillers.union(stopwords).union(filmNouns).union([
        "take", "ill", "id", "go", "going", "gonna", "lets", "let", "pick", "picking", "choose", "chose", "want", "try",
        "watch", "see", "sounds", "looks", "interesting", "number", "num", "option", "will", "give", "think", "guess",
        "probably", "tonight", "sure", "have", "can", "could", "would", "should", "one", "ones", "now", "first", "then",
        "definitely", "hmm", "um", "ah", "oh", "alright", "right", "cool", "lemme", "gimme",
    ])
    /// Words that may stand around names in a turn that is only a list of films.
    static let fillers: Set<String> = [
        "i", "the", "and", "or", "also", "too", "plus", "please", "maybe", "oh", "um", "hmm", "well", "yes", "yeah", "ok",
        "okay", "then", "both",
    ]
    /// Units after a number that show it is not a sequel ("saw heat 2 times").
    static let countUnits: Set<String> = [
        "times", "time", "days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour", "stars",
        "star", "out", "of", "minutes", "nights", "people", "friends", "kids", "x",
    ]

    /// Words without identity of their own: a name made only of these, or of one other
    /// word, is read as a film only where the sentence treats it as one.
    static let stopwords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "as", "is", "it", "i",
        "you", "he", "she", "we", "they", "me", "my", "your", "his", "her", "our", "their", "this", "that", "be", "are",
        "was", "were", "not", "no", "so", "but", "if", "all", "what", "who", "when", "where", "how", "do", "did", "its",
        "im", "youre", "dont", "up", "out", "into", "about", "than", "then", "there", "here", "too", "very",
        "which", "whom", "whose",
    ]
    /// Everyday words common in chat: a title made only of these ("One Fine Day", "My
    /// Family", "Big Night") needs the sentence to treat it as a film.
    static let commonWords: Set<String> = [
        "1", "2", "3", "good", "bad", "big", "little", "small", "new", "old", "young", "long", "short", "great", "best",
        "last", "first", "next", "other", "same", "fine", "nice", "real", "true", "free", "full", "hard", "easy", "dark",
        "light", "black", "white", "red", "blue", "green", "night", "day", "days", "time", "times", "year", "years", "week",
        "life", "love", "home", "house", "family", "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "kid",
        "kids", "child", "children", "mother", "father", "mom", "dad", "brother", "sister", "friend", "friends", "wife",
        "husband", "people", "world", "way", "thing", "things", "something", "nothing", "anything", "everything", "one",
        "two", "money", "game", "games", "movie", "film", "movies", "films", "story", "stories", "watch", "see", "saw",
        "like", "want", "need", "get", "go", "going", "come", "make", "made", "take", "give", "know", "think", "say",
        "tell", "look", "feel", "find", "keep", "let", "put", "run", "play", "talk", "talks", "work", "call", "show",
        "night", "morning", "evening", "weekend", "today", "tonight", "tomorrow", "now", "again", "always", "never",
        "ever", "still", "just", "only", "even", "much", "more", "most", "less", "some", "any", "every", "each", "few",
        "many", "lot", "lots", "well", "back", "away", "down", "over", "off", "before", "after", "around", "through",
        "fun", "funny", "scary", "sad", "happy", "mad", "crazy", "wild", "sweet", "hot", "cold", "heat", "speed",
        "crash", "rain", "sun", "city", "town", "school", "party", "war", "peace", "dead", "alive", "death", "kill",
        "killing", "end", "beginning", "place", "room", "car", "road", "street", "water", "fire", "air", "head", "heart",
        "eyes", "face", "hand", "hands", "name", "word", "words", "truth", "lies", "trouble", "secret", "secrets",
        "dream", "dreams", "tell", "help", "stop", "wait", "late", "early", "open", "close", "high", "low", "right",
        "wrong", "left", "strange", "normal", "perfect", "simple", "please", "thanks", "yes", "yeah", "okay", "ok",
        "would", "could", "should", "will", "can", "have", "has", "had", "been", "being", "get", "got", "lose", "win",
    ]

    /// Phrases that pass over the whole last list without rejecting a film in particular.
    static let passingOver = [
        "not those", "not these", "not them", "none of those", "none of these", "none of them", "none of it",
        "something else", "anything else", "other ones", "different ones", "others please", "seen them all",
        "seen all of those", "seen all of these", "not feeling those", "not feeling these", "nah", "nope",
    ]

    /// Phrases asking to move away from what steered the list, not only past the films shown
    /// ("something else entirely", "completely different", "a change of pace"), by tokens.
    static let changesOfCourse: [[String]] = [
        "else entirely", "else altogether", "entirely different", "completely different", "totally different", "different altogether",
        "whole different", "wholly different", "radically different", "change of pace", "change of scenery", "switch it up",
        "switch things up", "mix it up", "mix things up", "shake it up", "shake things up", "different direction",
        "another direction", "new direction", "complete change", "totally new", "completely new", "something new entirely",
        "want a change", "need a change", "for a change", "like a change", "fancy a change",
    ].map { $0.split(separator: " ").map(String.init) }

    static let passingOverPhrases = passingOver.map { $0.split(separator: " ").map(String.init) }

    /// Words for genres (after stemming too), to the catalog's genre names.
    static let genres: [String: [String]] = [
        "horror": ["Horror"], "scary": ["Horror"], "comedy": ["Comedy"], "comedie": ["Comedy"], "funny": ["Comedy"],
        "funnier": ["Comedy"], "funniest": ["Comedy"], "hilarious": ["Comedy"], "laughs": ["Comedy"],
        "scarier": ["Horror"], "scariest": ["Horror"], "creepy": ["Horror"], "spooky": ["Horror"], "terrifying": ["Horror"],
        "scifi": ["Sci-Fi"], "sci": ["Sci-Fi"], "sf": ["Sci-Fi"], "science": ["Sci-Fi"], "animation": ["Animation"], "animated": ["Animation"],
        "cartoon": ["Animation"], "kids": ["Children"], "kid": ["Children"], "children": ["Children"], "family": ["Children"],
        "romance": ["Romance"], "romantic": ["Romance"], "romcom": ["Romance", "Comedy"], "western": ["Western"],
        "war": ["War"], "documentary": ["Documentary"], "thriller": ["Thriller"], "crime": ["Crime"], "gangster": ["Crime"],
        "action": ["Action"], "drama": ["Drama"], "musical": ["Musical"], "fantasy": ["Fantasy"], "mystery": ["Mystery"],
        "noir": ["Film-Noir"], "adventure": ["Adventure"],
        // Everyday names for the same genres.
        "suspense": ["Thriller"], "suspenseful": ["Thriller"], "tense": ["Thriller"], "thrilling": ["Thriller"],
        "nailbiter": ["Thriller"], "frightening": ["Horror"], "slasher": ["Horror"], "scares": ["Horror"],
        "laugh": ["Comedy"], "laughing": ["Comedy"], "comic": ["Comedy"], "comical": ["Comedy"], "humor": ["Comedy"],
        "humour": ["Comedy"], "songs": ["Musical"], "singing": ["Musical"], "sing": ["Musical"], "dancing": ["Musical"],
        "whodunit": ["Mystery"], "whodunnit": ["Mystery"], "detective": ["Mystery"], "mysterious": ["Mystery"],
        "cowboy": ["Western"], "cowboys": ["Western"], "anime": ["Animation"], "cartoons": ["Animation"],
        "mafia": ["Crime"], "mob": ["Crime"], "mobster": ["Crime"], "heists": ["Crime"], "dramatic": ["Drama"],
        "tearjerker": ["Drama"], "weepy": ["Drama"], "magic": ["Fantasy"], "magical": ["Fantasy"], "fairytale": ["Fantasy"],
        "adventurous": ["Adventure"], "swashbuckler": ["Adventure"], "battle": ["War"], "soldiers": ["War"],
        "documentaries": ["Documentary"], "docs": ["Documentary"], "futuristic": ["Sci-Fi"],
        "romantically": ["Romance"],
    ]
    /// Genres no film for a child should have: asked for beside a child's age, their words are a mood.
    static let notForChildren: Set<String> = ["Horror"]
    /// Whether `word` (or its stem) is a genre's name or everyday alias ("kids", "cartoons", "scary").
    static func namesGenre(_ word: String) -> Bool {
        genres[word] != nil || genres[RuleInterpreter.stem(word)] != nil
    }
    /// Nouns for a kind of film after a genre word ("kids movies", "war films", "scary stuff"):
    /// with one, the word is the genre, not a film of that name.
    static let kindNouns: Set<String> = [
        "movie", "movies", "film", "films", "flick", "flicks", "stuff", "ones", "pictures", "shows", "cinema", "genre", "type",
    ]
    /// Genre names of several words, by tokens ("love story", "film noir").
    static let genrePhrases: [[String]: [String]] = [
        ["love", "story"]: ["Romance"], ["film", "noir"]: ["Film-Noir"],
        ["science", "fiction"]: ["Sci-Fi"], ["martial", "arts"]: ["Action"], ["shoot", "em", "up"]: ["Action"],
        ["sci", "fi"]: ["Sci-Fi"], ["film", "noirs"]: ["Film-Noir"],
    ]
    /// Words that open a turn refusing what was shown ("not really what I want", "nothing there
    /// for me", "nah"): with no film named, the last list is passed over.
    static let refusals: Set<String> = ["no", "not", "nothing", "none", "nah", "nope", "neither", "meh"]

    /// Mood words to the tags they mean (used when the catalog has that tag).
    static let moods: [String: String] = [
        "darker": "dark", "dark": "dark", "grim": "dark", "bleak": "dark", "gritty": "dark",
        "lighter": "feel-good", "light": "feel-good", "uplifting": "feel-good", "cheerful": "feel-good", "heartwarming": "feel-good",
        "twist": "twist ending", "twists": "twist ending", "slow": "slow-burn", "space": "space", "heist": "heist",
        "mindbending": "mind-bending", "cerebral": "mind-bending",
        // Each mood's everyday neighbours.
        "brooding": "dark", "somber": "dark", "sombre": "dark", "moody": "dark", "sinister": "dark", "disturbing": "dark",
        "harrowing": "dark", "gloomy": "dark", "grittier": "dark", "bleaker": "dark", "grimmer": "dark", "edgy": "dark",
        "edgier": "dark", "nihilistic": "dark",
        "upbeat": "feel-good", "wholesome": "feel-good", "cheery": "feel-good", "breezy": "feel-good", "cozy": "feel-good",
        "cosy": "feel-good", "joyful": "feel-good", "optimistic": "feel-good", "hopeful": "feel-good", "heartfelt": "feel-good",
        "lighthearted": "feel-good", "feelgood": "feel-good", "gentle": "feel-good", "warm": "feel-good", "comforting": "feel-good",
        "comfy": "feel-good", "soothing": "feel-good", "relaxing": "feel-good", "charming": "feel-good", "heartening": "feel-good",
        "heavy": "dark", "heavier": "dark",
        "twisty": "twist ending", "twistier": "twist ending", "twisting": "twist ending", "unpredictable": "twist ending",
        "slowburn": "slow-burn", "slower": "slow-burn", "unhurried": "slow-burn", "leisurely": "slow-burn",
        "meditative": "slow-burn", "contemplative": "slow-burn",
        "spaceship": "space", "spaceships": "space", "astronaut": "space", "astronauts": "space", "galaxy": "space",
        "planets": "space", "caper": "heist", "robbery": "heist", "robberies": "heist",
        "trippy": "mind-bending", "surreal": "mind-bending", "brainy": "mind-bending", "puzzling": "mind-bending",
        "mindblowing": "mind-bending", "headscratcher": "mind-bending", "clever": "mind-bending", "intelligent": "mind-bending",
        "violent": "violent", "violence": "violent", "gory": "violent", "gore": "violent", "bloody": "violent",
        "brutal": "violent", "sad": "bittersweet", "sadder": "bittersweet", "saddest": "bittersweet", "bittersweet": "bittersweet", "depressing": "bittersweet",
        "tragic": "bittersweet", "melancholy": "bittersweet", "melancholic": "bittersweet",
    ]

    /// The genres each mood leans to: what a list is searched by in its place on a catalog with
    /// no tags or descriptions to meet it (titles alone: embedded, "feel good" found That Old
    /// Feeling and "twisty" Twister). A lean, not a filter.
    static let moodGenres: [String: [String]] = [
        "dark": ["crime", "thriller", "film noir"], "feel-good": ["comedy", "family", "musical", "romance"],
        "twist ending": ["mystery", "thriller"], "slow-burn": ["drama"], "space": ["sci-fi"],
        "heist": ["crime", "caper"], "mind-bending": ["sci-fi", "mystery"], "violent": ["action", "crime", "war"],
        "bittersweet": ["drama", "romance"],
    ]

    /// Moods at the two ends of one axis (tone, pace): a wish for one end replaces a wish for
    /// the other ("lighter", then "darker" is dark), while wishes at the same end add up.
    static let moodAxes: [(Set<String>, Set<String>)] = [
        (["dark", "violent", "intense", "bleak", "grim", "gritty", "disturbing", "sad", "tragic", "depressing"],
         ["feel-good", "whimsical", "heartwarming", "uplifting", "lighthearted", "light", "cheerful", "wholesome", "happy"]),
        (["slow-burn", "slow", "contemplative", "meditative"], ["fast-paced", "action-packed", "fast", "thrilling"]),
    ]

    /// Whether two moods stand at opposite ends of one axis.
    static func opposes(_ a: String, _ b: String) -> Bool {
        moodAxes.contains { $0.0.contains(a) && $0.1.contains(b) || $0.1.contains(a) && $0.0.contains(b) }
    }

    /// Moods of several words, by tokens, to the tags they mean.
    static let moodPhrases: [[String]: String] = [
        ["feel", "good"]: "feel-good", ["feelgood"]: "feel-good", ["light", "hearted"]: "feel-good", ["lighthearted"]: "feel-good",
        ["mind", "bending"]: "mind-bending", ["slow", "burn"]: "slow-burn", ["twist", "ending"]: "twist ending",
        ["plot", "twist"]: "twist ending", ["plot", "twists"]: "twist ending", ["surprise", "ending"]: "twist ending",
        ["outer", "space"]: "space", ["thought", "provoking"]: "mind-bending", ["mind", "blowing"]: "mind-bending",
        ["slow", "paced"]: "slow-burn", ["heart", "warming"]: "feel-good", ["bank", "robbery"]: "heist",
        // What a film is wanted to do for someone low: lift them.
        ["cheer", "me", "up"]: "feel-good", ["cheer", "us", "up"]: "feel-good", ["cheer", "up"]: "feel-good",
        ["pick", "me", "up"]: "feel-good", ["make", "me", "smile"]: "feel-good", ["feel", "better"]: "feel-good",
        ["lift", "my", "spirits"]: "feel-good", ["brighten", "my", "day"]: "feel-good", ["bad", "day"]: "feel-good",
        ["rough", "day"]: "feel-good", ["hard", "day"]: "feel-good", ["tough", "day"]: "feel-good", ["rough", "week"]: "feel-good",
        // Wanting to be moved to tears: bittersweet ("I need a good cry" was searched as words and
        // found Cry, the Beloved Country and The Crying Game).
        ["good", "cry"]: "bittersweet", ["make", "me", "cry"]: "bittersweet", ["want", "to", "cry"]: "bittersweet",
        ["need", "to", "cry"]: "bittersweet", ["cry", "to"]: "bittersweet", ["cry", "over"]: "bittersweet", ["tear", "jerker"]: "bittersweet", ["bring", "tissues"]: "bittersweet",
    ]

    /// Words with which users say they are low ("feeling low", "i'm a bit down", "been so
    /// stressed"): a state, not a mood wished for. What they want is what lifts it (`lowSpirits`).
    static let lowWords: Set<String> = [
        "low", "down", "blue", "sad", "depressed", "miserable", "glum", "gloomy", "rough", "crap", "crappy", "rubbish", "lousy",
        "awful", "terrible", "stressed", "anxious", "lonely", "upset", "heartbroken", "bummed", "tired", "exhausted", "drained",
        "grumpy", "rotten", "sick", "unwell", "horrible", "bad", "flat", "gutted", "worn", "frazzled", "overwhelmed",
    ]
    /// Words that say the user's own state before a `lowWords` word ("feeling", "i'm", "been").
    static let stateOpenings: Set<String> = ["feeling", "feel", "felt", "im", "am", "been", "getting"]
    /// Words that may stand between a state's opening and its word ("feeling a bit down").
    static let stateDegrees: Set<String> = ["a", "bit", "little", "so", "really", "pretty", "quite", "very", "kinda", "kind", "of", "super", "rather", "totally"]

    static let decadeWords = [
        "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
        "seventies": 1970, "eighties": 1980, "nineties": 1990,
    ]

    static let ordinals = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "last": -1,
    ]
}
