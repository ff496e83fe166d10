/// The simulated user's sentences: written for the simulator alone, sharing no word list with
/// the chat's reader, so the benchmark measures how the reader copes with everyday phrasing.
enum Phrasebook {
    /// Ways to say one likes the films of `list` ("the fugitive and heat"); `plural` when
    /// the list names more than one film.
    static func likes(_ list: String, plural: Bool) -> [String] {
        [
            "I really liked \(list)",
            "i loved \(list)",
            "\(list)",
            "big fan of \(list)",
            plural ? "\(list) were great" : "\(list) was great",
            "looking for something like \(list)",
            "I enjoyed \(list), what else would I like?",
            plural ? "really enjoyed \(list) recently" : "\(list) was one of my favourites",
            "recently watched \(list) and loved it" + (plural ? " all" : ""),
        ]
    }

    /// Ways to say one disliked a film, in plain words.
    static func dislike(_ film: String) -> [String] {
        [
            "\(film) was too long",
            "\(film) bored me",
            "I didn't like \(film)",
            "couldn't get into \(film)",
            "\(film) was a letdown",
            "\(film) was awful",
        ]
    }

    /// Joins a like and a dislike into one turn.
    static let dislikeJoins = [" but ", ". ", ", though "]

    /// Turning down the whole list.
    static let rejectList = ["none of those", "not really what I want", "hmm, no", "nothing there for me", "not those"]

    /// Turning down the first item.
    static let rejectFirst = ["not the first one", "not the first", "skip the first one"]

    /// Saying a shown film was already seen.
    static func seen(_ film: String) -> [String] {
        ["I've already seen \(film)", "seen \(film) already", "already watched \(film)"]
    }

    /// Turning down one shown film by name.
    static func notThat(_ film: String) -> [String] {
        ["\(film) doesn't appeal", "not \(film)", "\(film) isn't for me"]
    }

    /// Ways a person asks for a genre.
    static func genre(_ genre: String) -> [String] {
        let phrases: [String]
        switch genre.lowercased() {
        case "action": phrases = ["an action film", "something with action", "some action"]
        case "adventure": phrases = ["an adventure", "an adventure film"]
        case "animation": phrases = ["an animated film", "a cartoon", "animation"]
        case "children", "children's": phrases = ["something for kids", "a family film", "a kids film"]
        case "comedy": phrases = ["a comedy", "something funny", "comedy"]
        case "crime": phrases = ["a crime film", "a crime story", "crime"]
        case "documentary": phrases = ["a documentary", "a doc"]
        case "drama": phrases = ["a drama", "drama"]
        case "fantasy": phrases = ["fantasy", "a fantasy film"]
        case "film-noir": phrases = ["film noir", "a noir"]
        case "horror": phrases = ["horror", "a horror film", "something scary"]
        case "musical": phrases = ["a musical", "something with songs"]
        case "mystery": phrases = ["a mystery", "a whodunit"]
        case "romance": phrases = ["a romance", "something romantic", "a love story"]
        case "sci-fi": phrases = ["sci-fi", "science fiction", "a sci fi film"]
        case "thriller": phrases = ["a thriller", "something tense"]
        case "war": phrases = ["a war film", "a war movie"]
        case "western": phrases = ["a western", "a cowboy film"]
        case "imax": phrases = ["something made for imax"]
        default: phrases = ["a \(genre.lowercased()) film"]
        }
        return phrases.flatMap { ["maybe \($0)?", "I'm in the mood for \($0)", "how about \($0)", "preferably \($0)"] }
    }

    /// Ways to say a decade ("the 90s", "the nineties", "the 1990s").
    static func decade(_ start: Int) -> [String] {
        let names: [Int: String] = [
            20: "twenties", 30: "thirties", 40: "forties", 50: "fifties", 60: "sixties", 70: "seventies", 80: "eighties", 90: "nineties",
        ]
        var spoken = ["the \(start)s"]
        if start < 2000 {
            spoken.append("the \(start % 100)s")
            if let name = names[start % 100] { spoken.append("the \(name)") }
        }
        return spoken.flatMap { ["something from \($0)", "preferably from \($0)", "a film from \($0)"] }
    }

    /// Ways to ask for a mood or theme the catalog tags films with.
    static func tag(_ tag: String) -> [String] {
        ["something \(tag)", "ideally \(tag)", "I'd like something \(tag)"]
    }

    /// Ways to name another liked film close to what one wants.
    static func alsoLiked(_ film: String) -> [String] {
        ["I also liked \(film)", "\(film) was great too", "something like \(film)", "I loved \(film) as well"]
    }

    /// Joins a reaction and a new fact into one turn.
    static let reactionJoins = [". ", ", ", "; "]
}
