/// The words an explanation may use without the catalog backing them: the language's little
/// words, the words of saying why ("shares", "fans", "vein"), and words of tone ("tense",
/// "bleak", "warm"), which praise or colour but state no fact. Every other word must come
/// from the catalog's facts about the films the sentence discusses (their titles, genres,
/// tags and descriptions): "directed by Steven Spielberg", "won Best Picture", "a girl is
/// carried off by a tornado", "filmed in Antarctica" and a sentence in French are refused,
/// because nothing here tells them.
enum ExplanationVocabulary {
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "as", "than", "then", "that", "this", "these", "those", "there",
        "here", "it", "its", "itself", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers", "we", "us", "our",
        "you", "your", "yours", "yourself", "i", "me", "my", "who", "whom", "whose", "which", "what", "where", "when", "while", "how",
        "why", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing",
        "will", "would", "can", "could", "may", "might", "shall", "should", "must", "of", "in", "on", "at", "to", "for", "from", "with",
        "without", "by", "about", "into", "onto", "over", "under", "through", "across", "along", "alongside", "among", "between",
        "beside", "besides", "beyond", "within", "up", "down", "out", "off", "again", "also", "too", "both", "either", "neither",
        "each", "every", "all", "any", "some", "more", "most", "much", "many", "few", "less", "least", "other", "another", "such",
        "same", "own", "just", "only", "even", "still", "quite", "rather", "very", "really", "not", "no", "never", "ever",
        "always", "often", "sometimes", "once", "twice", "well", "like", "unlike", "whether", "though", "although", "because",
        "since", "until", "before", "after", "during", "toward", "towards", "perhaps", "maybe", "probably", "likely", "one", "ones",
        "something", "anything", "everything", "nothing", "someone", "anyone", "everyone", "plenty", "lot", "lots", "kind", "sort",
        "way", "ways", "thing", "things", "s", "t", "ll", "re", "ve", "d", "dont", "doesnt", "isnt", "arent", "youll", "youre",
        "youve", "thats", "theres", "lets", "let",
    ]

    /// Saying why: who liked what, what two films share, how they sit together.
    static let reasonWords: Set<String> = [
        "liked", "like", "likes", "loved", "love", "loves", "enjoyed", "enjoy", "enjoys", "appreciate", "appreciated", "admire",
        "admired", "fan", "fans", "viewer", "viewers", "people", "audience", "audiences", "watcher", "watchers", "watch", "watched",
        "watching", "pick", "picks", "picked", "choose", "choice", "tend", "tends", "go", "goes", "going", "gone", "went", "come",
        "comes", "move", "moves", "shares", "share", "shared", "sharing", "has", "offers", "offer", "brings", "bring", "gives",
        "give", "delivers", "deliver", "makes", "make", "feels", "feel", "feeling", "fits", "fit", "matches", "match", "meets",
        "echoes", "echo", "recalls", "recall", "mirrors", "mirror", "blends", "blend", "mixes", "mix", "mixture", "combines",
        "combination", "streak", "vein", "spirit", "tone", "mood", "style", "flavour", "flavor", "taste", "tastes", "spin", "take",
        "side", "edge", "touch", "sense", "energy", "similar", "similarly", "alike", "close", "closer", "closest", "next",
        "fellow", "companion", "pairs", "pair", "pairing", "natural", "follow", "followup", "film", "films", "movie", "movies",
        "picture", "pictures", "story", "stories", "tale", "tales", "title", "titles", "genre", "genres", "era", "decade",
        "decades", "year", "years", "released", "release", "made", "same", "period", "catalog", "marks", "marked", "tagged",
        "tag", "tags", "descriptions", "description", "word", "words", "use", "uses", "popular", "asked", "wish", "wishes",
        "recommend", "recommended", "suggest", "suggested", "worth", "try", "if", "youd", "wanted", "want", "looking",
        "favourite", "favorite", "favourites", "favorites", "list", "lists", "high", "highly", "rated", "frequent", "frequently",
    ]

    /// Words of tone and manner: they colour a reason and state no fact of the catalog's.
    static let toneWords: Set<String> = [
        "tense", "dark", "darker", "darkly", "bleak", "gritty", "grim", "grimy", "light", "lighter", "lighthearted", "light-hearted",
        "fun", "funny", "gripping", "moving", "touching", "heartfelt", "heartwarming", "warm", "sweet", "bittersweet", "tender",
        "gentle", "thrilling", "suspenseful", "exciting", "witty", "charming", "quirky", "offbeat", "atmospheric", "stylish",
        "intense", "emotional", "haunting", "epic", "sweeping", "quiet", "slow", "slower", "fast", "paced", "pacing", "clever",
        "smart", "sharp", "twisty", "playful", "wild", "chilling", "creepy", "scary", "eerie", "brooding", "moody", "violent",
        "brutal", "raw", "thoughtful", "powerful", "beautiful", "memorable", "entertaining", "engaging", "compelling", "absorbing",
        "relentless", "lively", "vivid", "rich", "big", "small", "grand", "lavish", "spare", "lean", "tight", "taut", "tightly",
        "wound", "energetic", "breezy", "cosy", "cozy", "comforting", "feelgood", "uplifting", "hopeful", "sad", "melancholy",
        "poignant", "serious", "silly", "absurd", "surreal", "strange", "weird", "odd", "unusual", "original", "fresh",
        "timeless", "far", "calm", "calmer", "quieter", "gentler", "funnier", "scarier", "softer", "harder", "tougher",
        "sweeter", "warmer", "colder", "cold", "cool", "bright", "brighter", "bigger", "smaller", "faster",
        "great", "good", "fine", "strong", "solid", "bold", "daring", "ambitious", "inventive", "imaginative", "magical",
        "whimsical", "romantic", "dramatic", "comic", "comedic", "mysterious", "adventurous", "action", "packed", "driven",
        "character", "characters", "twist", "twists", "ending", "endings", "pace", "suspense", "tension", "thrills", "thrill",
        "laughs", "laugh", "humour", "humor", "heart", "soul", "wit", "charm", "scares", "chills", "excitement", "adventure",
        "drama", "romance", "mystery", "crime", "horror", "comedy", "fantasy", "thriller", "western", "war", "musical",
        "documentary", "animation", "animated", "hold", "holds", "keeps", "keep", "grips", "grip",
        "lets", "never", "long", "short", "deep", "deeply", "truly", "simply", "especially", "equally", "just", "nearly",
        "almost", "enough", "full", "filled", "loaded", "each", "together", "whole", "entire", "pure",
        "done", "told", "telling", "tells", "shows", "show", "shown", "leave", "leaves", "left", "world", "worlds", "look",
        "looks", "sound", "sounds", "vision", "ride", "journey", "experience", "watchable", "rewatchable", "favourite",
    ]

    static let allowed: Set<String> = functionWords.union(reasonWords).union(toneWords)

    /// Simple forms of `word` to look up: itself, and without a plural, past or -ing ending.
    static func forms(of word: String) -> [String] {
        var forms = [word]
        for ending in ["s", "es", "ed", "d", "ing", "ly"] where word.count > ending.count + 2 && word.hasSuffix(ending) {
            forms.append(String(word.dropLast(ending.count)))
            if ending == "ing" { forms.append(String(word.dropLast(3)) + "e") }  // "circling": "circle"
        }
        return forms
    }
}
