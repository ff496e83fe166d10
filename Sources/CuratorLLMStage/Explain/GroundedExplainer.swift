import CuratorCore

/// Writes explanations from facts alone: the anchor film the recall signal chose, and what
/// the two films share (genres, tags, decade, the words their descriptions have in common, the
/// wishes of the conversation the recommended film meets). Every clause states a fact of the
/// catalog, so a grounded explanation passes `FaithfulnessCheck` by construction; the phrasing
/// varies per pair of films (seeded by their ids, so the same pair reads the same each time).
///
/// They are what users see when no LLM is configured, and the fall-back for an LLM sentence
/// that fails the check or never arrives.
public struct GroundedExplainer: Sendable {
    public let catalog: [Item]
    /// Each item's content words, read once up front: reading the two descriptions again for
    /// every item of every turn, with the genre test, took about 7% of a server's chat turn.
    private let contentWordsByItem: [[String]]
    /// How many descriptions use each content word: a word two descriptions share tells
    /// something only when few others use it ("joins", in five of 242, told nothing).
    private let descriptionsUsing: [String: Int]
    /// The most descriptions a shared word may be in and still be said.
    private let distinctiveLimit: Int

    public init(catalog: [Item]) {
        self.catalog = catalog
        contentWordsByItem = catalog.map { Self.contentWords($0.text) }
        var counts: [String: Int] = [:]
        for words in contentWordsByItem {
            for word in Set(words) { counts[word, default: 0] += 1 }
        }
        descriptionsUsing = counts
        // Those two, or one description in a hundred in a large catalog.
        distinctiveLimit = max(2, contentWordsByItem.count(where: { !$0.isEmpty }) / 100)
    }

    /// The content words of the catalog's item `index`.
    func contentWords(of index: Int32) -> [String] { contentWordsByItem[Int(index)] }

    /// What the grounded sentence rests on.
    public struct Facts: Sendable, Equatable {
        /// Genres both films have, in the recommended film's order.
        public var genres: [String] = []
        /// Catalog tags both films have.
        public var tags: [String] = []
        /// The decade both come from (1990 for the 1990s), or the year when it is the same.
        public var decade: Int?
        public var sameYear = false
        /// Content words both descriptions use and few others do.
        public var words: [String] = []
        /// Wishes of the conversation the recommended film meets.
        public var wishes: [String] = []
    }

    /// The facts `candidate` and `anchor` share.
    public func facts(candidate: Int32, anchor: Int32?, wishes: [String] = []) -> Facts {
        let item = catalog[Int(candidate)]
        var facts = Facts(wishes: wishes)
        guard let anchor else { return facts }
        let other = catalog[Int(anchor)]
        facts.genres = item.genres.filter { other.genres.contains($0) && $0.lowercased() != "unknown" }
        facts.tags = item.tags.filter { other.tags.contains($0) && !wishes.contains($0) && !Self.namesGenre($0) }
        if let a = item.year, let b = other.year {
            if a == b { facts.sameYear = true; facts.decade = a }
            else if a / 10 == b / 10 { facts.decade = a / 10 * 10 }
        }
        let titleWords = Set(ExplanationWords.words(of: item.title + " " + other.title))
        let mine = contentWords(of: candidate), theirs = Set(contentWords(of: anchor))
        var shared: [String] = []
        for word in mine where theirs.contains(word) && !titleWords.contains(word) && !shared.contains(word)
            && descriptionsUsing[word, default: 0] <= distinctiveLimit {
            shared.append(word)
        }
        facts.words = Array(shared.prefix(2))
        return facts
    }

    /// Words of a description worth comparing: not stop words or function words ("himself",
    /// "through", "every": two descriptions sharing them share nothing), at least five
    /// letters, no digits, no genre words (a genre is stated only where both films have it).
    static func contentWords(_ text: String) -> [String] {
        // Each word is already folded: it names a genre when it is one of the genre words.
        ExplanationWords.words(of: text).filter {
            $0.count >= 5 && !$0.contains(where: \.isNumber) && !CatalogTitles.stopWords.contains($0) && !functionWords.contains($0)
                && !genreWords.contains($0)
        }
    }

    /// English function words of five letters or more: pronouns, determiners, prepositions,
    /// conjunctions, auxiliaries and the adverbs that carry no subject of their own.
    static let functionWords: Set<String> = [
        "myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves", "oneself",
        "their", "theirs", "there", "these", "those", "whose", "which", "where", "while", "whilst", "whom", "whoever",
        "whatever", "whichever", "wherever", "whenever", "other", "others", "another", "every", "either", "neither",
        "several", "various", "certain", "enough", "plenty", "little", "fewer", "about", "above", "across", "after",
        "afterwards", "against", "along", "alongside", "among", "amongst", "around", "before", "behind", "below",
        "beneath", "beside", "besides", "between", "beyond", "despite", "during", "except", "inside", "instead",
        "outside", "through", "throughout", "toward", "towards", "under", "underneath", "until", "unless", "within",
        "without", "upon", "onto", "into", "although", "though", "because", "since", "whether", "whereas", "unlike",
        "could", "would", "should", "might", "must", "shall", "being", "having", "doing", "cannot", "always", "never",
        "often", "still", "again", "already", "almost", "rather", "quite", "really", "later", "earlier", "perhaps",
        "nearly", "together", "finally", "eventually", "suddenly", "everything", "something",
        "nothing", "anything", "everyone", "someone", "anyone", "nobody", "somebody", "everybody", "first",
        "second", "third", "once", "twice", "thing", "things", "becomes", "become", "comes", "takes", "makes", "gets",
        "goes", "finds", "begins", "starts", "tries",
    ]

    /// Whether `text` contains a word the faithfulness check reads as a genre.
    static func namesGenre(_ text: String) -> Bool {
        !Set(ExplanationWords.words(of: text)).isDisjoint(with: genreWords)
    }

    static let genreWords: Set<String> = Set(
        (Array(FaithfulnessCheck.genreForms.keys) + FaithfulnessCheck.genreForms.values.flatMap { $0 } + Array(genreNouns.keys))
            .flatMap { ExplanationWords.words(of: $0) })

    /// A grounded explanation of `candidate`.
    /// - Parameters:
    ///   - anchor: the history item the recall signal (or shared genres) ties it to; `nil`
    ///     when nothing the user liked points at it.
    ///   - fromSignal: whether the anchor came from the recall model's item–item signal (so
    ///     "viewers who liked it also liked this" is what the data says).
    ///   - wishes: the conversation's wishes the candidate meets.
    ///   - fromWords: no anchor, and the list came from the user's own words.
    ///   - anchorAsked: the anchor is a film the user asked for more like of without saying they
    ///     liked it ("what about Titanic?"): the lead says so, not "Because you liked".
    ///   - genresAsked: genres the conversation asks for, named first when a film with no anchor
    ///     is described ("Her is a science-fiction drama" for "scifi", not "a romantic drama").
    public func explain(
        candidate: Int32, anchor: Int32?, fromSignal: Bool = true, wishes: [String] = [], fromWords: Bool = false, anchorAsked: Bool = false,
        genresAsked: Set<String> = []
    ) -> Explanation {
        let item = catalog[Int(candidate)]
        let sentence = self.sentence(candidate: candidate, anchor: anchor, fromSignal: fromSignal, wishes: wishes, fromWords: fromWords,
                                     genresAsked: genresAsked)
        guard let anchor else {
            let lead = fromWords ? "Close to what you asked for" : "Popular with viewers here"
            return Explanation(itemID: item.id, anchorID: "", anchorTitle: "", sentence: sentence,
                               text: "\(lead): \(sentence)", templateHash: "", source: .grounded)
        }
        let other = catalog[Int(anchor)]
        return Explanation(itemID: item.id, anchorID: other.id, anchorTitle: other.displayTitle, sentence: sentence,
                           text: "\(Self.lead(anchor: other, asked: anchorAsked)): \(sentence)", templateHash: "", source: .grounded)
    }

    /// What a reason tied to `anchor` starts with: "Because you liked Heat (1995)", or "More
    /// like Titanic (1997), as you asked" for a film named with no feeling said of it.
    public static func lead(anchor: Item, asked: Bool) -> String {
        asked ? "More like \(anchor.spokenDisplayTitle), as you asked" : "Because you liked \(anchor.spokenDisplayTitle)"
    }

    /// The sentence alone (without the "Because you liked" lead): what ties the two films,
    /// then at most one more fact (a wish met, shared tags, shared description words).
    public func sentence(candidate: Int32, anchor: Int32?, fromSignal: Bool = true, wishes: [String] = [], fromWords: Bool = false,
                         genresAsked: Set<String> = []) -> String {
        let item = catalog[Int(candidate)]
        var name = Self.naturalTitle(item.title)
        let facts = self.facts(candidate: candidate, anchor: anchor, wishes: wishes)
        let variant = Int(FNV1a.hash((item.id + "|" + (anchor.map { catalog[Int($0)].id } ?? "")).utf8) % 4)
        let wish = facts.wishes.isEmpty ? nil : [
            "It fits your wish for \(facts.wishes.map { "“\($0)”" }.spokenList)",
            "It meets what you asked for: \(facts.wishes.map { "“\($0)”" }.spokenList)",
        ][variant % 2]
        guard let anchor else {
            let known = item.genres.filter { $0.lowercased() != "unknown" }
            var first: String
            if known.count > 2, genresAsked.isDisjoint(with: known), let labels = Self.genreLabels(known, limit: 6) {
                // Two of three or more genres, picked by their order, would call Titanic "an action
                // drama" (ml-100k lists Action, Drama, Romance): the catalog's labels, all of them.
                first = "\(name) is listed under \(labels)" + (item.year.map { ", from \($0)" } ?? "")
            } else {
                let own = Self.genrePhrase(known.filter(genresAsked.contains) + known.filter { !genresAsked.contains($0) })
                first = own.map { "\(name) is \(Self.article($0)) \($0)" } ?? "\(name) is a film"
                if let year = item.year { first += " from \(year)" }
            }
            return Self.sentences([first, wish])
        }
        var other = Self.naturalTitle(catalog[Int(anchor)].title)
        if other == name {  // a remake: the years tell them apart
            name = item.displayTitle
            other = catalog[Int(anchor)].displayTitle
        }
        let era = facts.sameYear ? "from the same year" : facts.decade.map { "from the \($0)s" }
        // After an opener that names the film, "it"; alone, the names.
        let signals = { (film: String) in [
            "viewers who liked \(other) often liked \(film) too", "people who enjoyed \(other) tend to pick \(film) as well",
            "fans of \(other) often go on to \(film)", "\(film) is a frequent next choice of viewers who liked \(other)",
        ] }
        var first: String
        let known = item.genres.filter { $0.lowercased() != "unknown" }
        if known.count > 2, facts.genres.count * 2 <= known.count, let labels = Self.genreLabels(facts.genres) {
            // A film that shares no more than half its genres with the anchor is not a film of
            // those: Star Wars shares Romance and War of its five with Casablanca, and "Star Wars
            // is a war romance" reads false. What is true is the catalog's labels. (Sharing most
            // of them, No Country for Old Men is a crime thriller like Heat.)
            first = [
                "like \(other), \(name) is listed under \(labels)", "\(name) and \(other) are both listed under \(labels)",
            ][variant % 2] + (era.map { variant % 2 == 0 ? " and is also \($0)" : ", and both are \($0)" } ?? "")
            if fromSignal && era == nil { first += ", and " + signals("it")[variant % 3] }
        } else if let genres = Self.genrePhrase(facts.genres) {
            first = [
                "\(name) is another \(genres)" + (era.map { ", also \($0)" } ?? ""),
                "like \(other), \(name) is \(Self.article(genres)) \(genres)" + (era.map { " \($0)" } ?? ""),
                "\(name) shares the \(genres) streak of \(other)" + (era.map { ", and both are \($0)" } ?? ""),
                "\(name) is \(Self.article(genres)) \(genres) in the vein of \(other)" + (era.map { ", also \($0)" } ?? ""),
            ][variant]
            if fromSignal && era == nil { first += ", and " + signals("it")[variant % 3] }
        } else if fromSignal {
            first = signals(name)[variant] + (era.map { "; both are \($0)" } ?? "")
        } else {
            first = "\(name) is the closest match to \(other) among these films" + (era.map { ", and both are \($0)" } ?? "")
        }
        let tags = facts.tags.prefix(2).map { "“\($0)”" }
        let more = wish
            ?? (tags.isEmpty ? nil : ["Both are tagged \(tags.spokenList)", "The catalog marks both as \(tags.spokenList)"][variant % 2])
            ?? (facts.words.isEmpty ? nil : Self.sharedWords(facts.words.map { "“\($0)”" }, variant: variant))
        return Self.sentences([first, more])
    }

    /// "Both descriptions use the word “x”", varied.
    static func sharedWords(_ words: [String], variant: Int) -> String {
        let noun = words.count == 1 ? "the word" : "the words"
        return variant % 2 == 0
            ? "Both descriptions use \(noun) \(words.spokenList)"
            : "\(noun.prefix(1).uppercased() + noun.dropFirst()) \(words.spokenList) \(words.count == 1 ? "appears" : "appear") in both descriptions"
    }

    /// Sentences, each capitalised and ended with a full stop.
    static func sentences(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }.joined(separator: " ")
    }

    static func article(_ phrase: String) -> String { "aeiou".contains(phrase.first ?? "x") ? "an" : "a" }

    /// "Usual Suspects, The" → "The Usual Suspects"; an alternative title in parentheses dropped.
    public static func naturalTitle(_ title: String) -> String {
        var main = title
        while let open = main.lastIndex(of: "("), main.hasSuffix(")"), open > main.startIndex {
            main = String(main[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return Item.spoken(main)
    }

    /// Up to `limit` genres as the catalog names them: "Romance and War".
    static func genreLabels(_ genres: [String], limit: Int = 3) -> String? {
        genres.isEmpty ? nil : Array(genres.prefix(limit)).spokenList
    }

    /// A noun phrase for up to two genres: "crime thriller", "romantic comedy",
    /// "action science-fiction film".
    static func genrePhrase(_ genres: [String]) -> String? {
        let two = Array(genres.prefix(2))
        guard let first = two.first else { return nil }
        let noun = { (genre: String) in genreNouns[genre] ?? "\(genre.lowercased()) film" }
        guard two.count == 2 else { return noun(first) }
        // The genre that reads best as a noun heads the phrase; the other qualifies it.
        let (modifier, head) = (nounRank[two[1]] ?? 99) <= (nounRank[first] ?? 99) ? (first, two[1]) : (two[1], first)
        return "\(genreAdjectives[modifier] ?? modifier.lowercased()) \(noun(head))"
    }

    /// Genres that read as nouns, preferred as the head of a phrase (lower rank first).
    static let nounRank: [String: Int] = [
        "Drama": 0, "Thriller": 1, "Comedy": 2, "Romance": 3, "Western": 4, "Musical": 5, "Mystery": 6, "Documentary": 7,
        "Fantasy": 8, "Adventure": 9,
    ]
    static let genreNouns: [String: String] = [
        "Action": "action film", "Adventure": "adventure", "Animation": "animated film", "Children's": "family film",
        "Children": "family film", "Comedy": "comedy", "Crime": "crime film", "Documentary": "documentary", "Drama": "drama",
        "Fantasy": "fantasy", "Film-Noir": "film noir", "Horror": "horror film", "Musical": "musical", "Mystery": "mystery",
        "Romance": "romance", "Sci-Fi": "science-fiction film", "Thriller": "thriller", "War": "war film", "Western": "western",
    ]
    static let genreAdjectives: [String: String] = [
        "Action": "action", "Adventure": "adventure", "Animation": "animated", "Children's": "family", "Children": "family",
        "Comedy": "comic", "Crime": "crime", "Documentary": "documentary", "Drama": "dramatic", "Fantasy": "fantasy",
        "Film-Noir": "noir", "Horror": "horror", "Musical": "musical", "Mystery": "mystery", "Romance": "romantic",
        "Sci-Fi": "science-fiction", "Thriller": "thriller", "War": "war", "Western": "western",
    ]
}
