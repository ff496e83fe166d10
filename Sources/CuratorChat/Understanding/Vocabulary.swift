/// The words the rule interpreter knows. Kept in one place so the rules read as rules.
enum Vocabulary {
    static let negativeCues = [
        "hated", "hate", "disliked", "dislike", "didnt like", "did not like", "dont like", "do not like",
        "not a fan", "boring", "awful", "terrible", "overrated", "couldnt stand", "was bad", "were bad",
    ]
    static let seenCues = ["seen", "already saw", "already watched", "watched it", "watched them", "i saw"]
    static let exclusionCues: Set<String> = ["no", "not", "nothing", "without", "except", "avoid", "skip", "hate", "never", "less"]

    /// Words for genres (after stemming too), to the catalog's genre names.
    static let genres: [String: [String]] = [
        "horror": ["Horror"], "scary": ["Horror"], "comedy": ["Comedy"], "comedie": ["Comedy"], "funny": ["Comedy"],
        "scifi": ["Sci-Fi"], "sf": ["Sci-Fi"], "science": ["Sci-Fi"], "animation": ["Animation"], "animated": ["Animation"],
        "cartoon": ["Animation"], "kids": ["Children"], "kid": ["Children"], "children": ["Children"], "family": ["Children"],
        "romance": ["Romance"], "romantic": ["Romance"], "romcom": ["Romance", "Comedy"], "western": ["Western"],
        "war": ["War"], "documentary": ["Documentary"], "thriller": ["Thriller"], "crime": ["Crime"], "gangster": ["Crime"],
        "action": ["Action"], "drama": ["Drama"], "musical": ["Musical"], "fantasy": ["Fantasy"], "mystery": ["Mystery"],
        "noir": ["Film-Noir"], "adventure": ["Adventure"],
    ]

    /// Mood words to the tags they mean (used when the catalog has that tag).
    static let moods: [String: String] = [
        "darker": "dark", "dark": "dark", "grim": "dark", "bleak": "dark", "gritty": "dark",
        "lighter": "feel-good", "uplifting": "feel-good", "cheerful": "feel-good", "heartwarming": "feel-good",
        "twist": "twist ending", "twists": "twist ending", "slow": "slow-burn", "space": "space", "heist": "heist",
        "mindbending": "mind-bending", "cerebral": "mind-bending",
    ]

    static let decadeWords = [
        "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
        "seventies": 1970, "eighties": 1980, "nineties": 1990,
    ]

    static let ordinals = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "last": -1,
    ]
}
