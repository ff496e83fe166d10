import CuratorCore

/// Links film mentions in free text to catalog items, the way people name films: titles
/// without their article or with it moved ("the fugitive" for "Fugitive, The"), alternative,
/// foreign and a.k.a. titles, main titles and subtitles alone, the start of a long title
/// ("willy wonka"), sequels by number or word ("die hard 3" is the series' third film), and
/// small typos in long words. A name several films share means the best-known one when a
/// popularity prior is given and one film clearly leads; otherwise the mention lists them
/// all (the caller asks back), unless a year in the text settles it. Names that are also
/// everyday words ("mother", "speed") count only where the sentence treats them as a film.
///
/// Aliases are indexed by their first token, and typos through one-letter deletions, so a
/// turn costs a few dictionary look-ups per word whatever the catalog's size.
public struct TitleMatcher: Sendable {
    public struct Mention: Sendable, Equatable {
        /// The words of the text that matched, as typed (lower-cased).
        public var text: String
        /// Where the mention starts, in the text's words (`TextNormalizer.words`); mentions are in order.
        public var position: Int
        /// How many words it covers (an article typed before it not included).
        public var length: Int
        /// Every item this mention may mean, best first; one item when it is clear.
        public var items: [Int32]

        /// The items are every film of a series named as a whole ("the whole godfather
        /// trilogy", "all the alien films"), each meant, not one to choose among.
        public var wholeSeries = false

        public var isAmbiguous: Bool { items.count > 1 && !wholeSeries }

        public init(text: String, position: Int, length: Int = 1, items: [Int32], wholeSeries: Bool = false) {
            self.text = text
            self.position = position
            self.length = length
            self.items = items
            self.wholeSeries = wholeSeries
        }
    }

    /// A name typed that is not in the catalog: longer than the title it starts with ("die
    /// hard with a vengeance"), or a sequel the series lacks ("toy story 3").
    public struct Missing: Sendable, Equatable {
        /// The words as typed (lower-cased).
        public var text: String
        /// The films whose title the name starts with (for a sequel the series lacks, the film named).
        public var nearest: [Int32]
        /// Where a reference to a film of a series stands in the text's words ("the sequel" after
        /// a film with none here): what its clause says is about that film, not the one named.
        public var position: Int?

        public init(text: String, nearest: [Int32], position: Int? = nil) {
            self.text = text
            self.nearest = nearest
            self.position = position
        }
    }

    struct Alias: Sendable {
        var item: Int32
        var tokens: [String]
        var kind: TitleAliases.Kind
        var article: String?
    }

    struct SeriesMember: Sendable {
        var item: Int32
        var number: Int?
        var year: Int
    }

    private let aliases: [Alias]
    /// Aliases by their first token.
    private let byFirstToken: [String: [Int32]]
    /// First tokens of five letters or more by each of their one-letter deletions (and by
    /// themselves): two words one edit apart meet under one key.
    private let typoKeys: [String: [String]]
    /// Films that share a main title, oldest first ("die hard" → Die Hard, Die Hard 2, Die Hard: With a Vengeance).
    private let series: [String: [SeriesMember]]
    private let years: [Int?]
    /// Each item's title as people say it (`fullTitle`): a film whose title runs on from
    /// another's is its sequel when later ("The Matrix Reloaded" after "The Matrix").
    private let fullTitles: [[String]]
    /// Interactions per item (any scale); empty when unknown.
    private let popularity: [Float]
    /// The item that stands for each item: itself, or the better-known copy of the same film.
    private let canonical: [Int32]

    /// - Parameters:
    ///   - catalog: the items, in dense-id order.
    ///   - popularity: one count per item (interactions in the dataset), so a name several
    ///     films share means the well-known one; without it such a name is ambiguous.
    public init(catalog: [Item], popularity: [Float] = []) {
        var aliases: [Alias] = []
        var byFirst: [String: [Int32]] = [:]
        var series: [String: [SeriesMember]] = [:]
        for (index, item) in catalog.enumerated() {
            let parts = TitleAliases(title: item.title)
            for alias in parts.aliases {
                byFirst[alias.tokens[0], default: []].append(Int32(aliases.count))
                // "spider man" is also typed "spiderman".
                if alias.tokens.count > 1 { byFirst[alias.tokens[0] + alias.tokens[1], default: []].append(Int32(aliases.count)) }
                aliases.append(Alias(item: Int32(index), tokens: alias.tokens, kind: alias.kind, article: alias.article))
            }
            if !parts.series.isEmpty {
                series[parts.series.joined(separator: " "), default: []].append(
                    SeriesMember(item: Int32(index), number: parts.number, year: item.year ?? 0))
            }
        }
        // Franchises whose titles share a start rather than a main title ("Harry Potter and the
        // Chamber of Secrets", "…and the Prisoner of Azkaban"): the start names the series,
        // and what follows it names the film ("prisoner of azkaban").
        for (prefix, members) in Self.franchises(catalog) {
            for member in members {
                let tokens = Self.fullTitle(catalog[Int(member)].title)
                var rest = Array(tokens.dropFirst(prefix.count))
                while let first = rest.first, ["and", "the", "a", "an", "of"].contains(first) { rest.removeFirst() }
                if rest.count >= 2, rest.contains(where: { !Vocabulary.stopwords.contains($0) && !Vocabulary.commonWords.contains($0) }) {
                    byFirst[rest[0], default: []].append(Int32(aliases.count))
                    aliases.append(Alias(item: member, tokens: rest, kind: .subtitle, article: nil))
                }
                let key = prefix.joined(separator: " ")
                if !(series[key] ?? []).contains(where: { $0.item == member }) {
                    series[key, default: []].append(SeriesMember(item: member, number: nil, year: catalog[Int(member)].year ?? 0))
                }
            }
        }
        // A series of three words or more also goes by its initials ("lotr 3").
        for (name, members) in series where members.count > 1 {
            let words = name.split(separator: " ")
            guard words.count >= 3 else { continue }
            let initials = String(words.compactMap(\.first))
            guard initials.count >= 3, !Vocabulary.everyday.contains(initials), series[initials] == nil else { continue }
            series[initials] = members
            for member in members {
                byFirst[initials, default: []].append(Int32(aliases.count))
                aliases.append(Alias(item: member.item, tokens: [initials], kind: .main, article: nil))
            }
        }
        var typoKeys: [String: [String]] = [:]
        for token in byFirst.keys where token.count >= 5 {
            for key in TextNormalizer.deletions(token) + [token] { typoKeys[key, default: []].append(token) }
        }
        self.aliases = aliases
        byFirstToken = byFirst
        self.typoKeys = typoKeys
        self.series = series.mapValues { $0.sorted { ($0.year, $0.item) < ($1.year, $1.item) } }
        years = catalog.map(\.year)
        fullTitles = catalog.map { Self.fullTitle($0.title) }
        self.popularity = popularity.count == catalog.count ? popularity : []
        // A catalog may list one film twice (MovieLens 100K does): both mean the better known.
        var firstOfTitle: [String: Int32] = [:]
        var canonical = (0..<Int32(catalog.count)).map { $0 }
        for (index, item) in catalog.enumerated() {
            let key = item.title + "|\(item.year ?? 0)"
            if let earlier = firstOfTitle[key] {
                let keep = self.popularity.isEmpty || self.popularity[Int(earlier)] >= self.popularity[index] ? earlier : Int32(index)
                canonical[index] = keep
                canonical[Int(earlier)] = keep
                firstOfTitle[key] = keep
            } else {
                firstOfTitle[key] = Int32(index)
            }
        }
        self.canonical = canonical
    }

    /// The mentions in `text`, in order.
    public func mentions(in text: String) -> [Mention] {
        mentions(in: TextNormalizer.words(text))
    }

    /// The mentions in `words`, in order: at each word the longest name that starts there,
    /// then names that are everyday words kept only where the sentence treats them as films.
    public func mentions(in words: [TextNormalizer.Word]) -> [Mention] {
        read(words).mentions
    }

    /// The mentions in `words` (`mentions(in:)`), and the names typed that the catalog lacks.
    public func read(_ words: [TextNormalizer.Word]) -> (mentions: [Mention], missing: [Missing]) {
        var missing: [Missing] = []
        // Title forms, with "part" left out ("godfather part 2" is "godfather 2").
        var keys: [String] = [], origin: [Int] = []
        for (index, word) in words.enumerated() where word.text != "part" {
            keys.append(TextNormalizer.titleForm(word.text))
            origin.append(index)
        }
        let typedYears = Set(keys.compactMap { Int($0) }.filter { (1900...2100).contains($0) })
        var candidates: [MentionContext.Candidate] = []
        var start = 0
        while start < keys.count {
            if TextNormalizer.articles.contains(keys[start]) && start + 1 < keys.count { start += 1; continue }
            // "the second godfather", "the third harry potter": a place in a series before its name.
            if let place = RuleInterpreter.ordinal(keys[start]), place > 0, start + 1 < keys.count, let named = longestMatch(at: start + 1, in: keys),
               (series[named.typed.joined(separator: " ")]?.count ?? 0) > 1,
               let sequel = sequel(place, of: named.typed, countingRemakes: true), (longestMatch(at: start, in: keys)?.length ?? 0) <= named.length {
                let last = origin[start + named.length]
                candidates.append(MentionContext.Candidate(
                    mention: Mention(text: words[origin[start]...last].map(\.text).joined(separator: " "), position: origin[start],
                                     length: last - origin[start] + 1, items: [canonical[Int(sequel)]]),
                    weak: false, article: nil))
                start += named.length + 1
                continue
            }
            guard let found = longestMatch(at: start, in: keys) else { start += 1; continue }
            var length = found.length, items = found.items
            let after = start + length
            // A number after a series name picks a film of the series ("die hard 3"); one the
            // series lacks ("toy story 3" when only two exist) is a film not in the catalog.
            // Not across a stop: "the rock. one flew over…" is two films.
            let stop = words[origin[after - 1]].endsSentence || words[origin[after - 1]].pauseAfter
            if !stop, let next = keys[safe: after], let number = Int(next), (1...30).contains(number), !found.endsInNumber,
               !(keys[safe: after + 1].map(Vocabulary.countUnits.contains) ?? false), !Self.isRating(at: after, in: keys) {
                guard let sequel = sequel(number, of: found.typed) else {
                    // The series' film the name starts with is offered ("toy story 4": it has Toy Story).
                    missing.append(Missing(text: words[origin[start]...origin[after]].map(\.text).joined(separator: " "), nearest: found.items.map(\.0)))
                    start = after + 1
                    continue
                }
                items = [(sequel, TitleAliases.Kind.full.quality)]
                length += 1
            }
            var end = start + length
            let typed = Array(keys[start..<end])
            // "the whole godfather trilogy", "all the alien films", "every star wars movie": every
            // film of the series (and those whose titles run on from it: Aliens).
            if length == found.length, let (from, whole) = wholeSeriesNoun(after: end, before: start, in: keys, words: words, origin: origin) {
                let first = origin[from], last = origin[whole]
                candidates.append(MentionContext.Candidate(
                    mention: Mention(text: words[first...last].map(\.text).joined(separator: " "), position: first, length: last - first + 1,
                                     items: wholeSeries(of: choose(items, years: typedYears, yearAfter: nil)), wholeSeries: true),
                    weak: false, article: found.article))
                start = whole + 1
                continue
            }
            // "scarface 1983", "heat '95": a year after the name, one of its films' own.
            let yearAfter = keys[safe: end].flatMap { Int($0) }.flatMap { typed in
                items.lazy.compactMap { self.years[Int($0.item)] }.first { $0 == typed || typed < 100 && keys[end].count == 2 && $0 % 100 == typed }
            }
            // Any other number run on from the name ("blade runner 2049", "heat 2019", "apollo 13
            // 2005") makes it a film the catalog lacks, not this one. Not a count or a rating
            // ("heat 3 times", "heat 10/10"), nor across a stop; a year in brackets is the name's ("inception (2011)").
            let lastWord = words[origin[end - 1]]
            if yearAfter == nil, !lastWord.endsSentence, !lastWord.pauseAfter || lastWord.bracketAfter && keys[safe: end].flatMap { Int($0) }.map((1900...2100).contains) == true,
               let next = keys[safe: end], let number = Int(next), number > 30 || found.endsInNumber || length > found.length,
               !(keys[safe: end + 1].map(Vocabulary.countUnits.contains) ?? false), !Self.isRating(at: end, in: keys) {
                missing.append(Missing(text: words[origin[start]...origin[end]].map(\.text).joined(separator: " "),
                                       nearest: choose(items, years: [], yearAfter: nil)))
                start = end + 1
                continue
            }
            let chosen = choose(items, years: typedYears, yearAfter: yearAfter)
            // "scarface 1983": the year belongs to the name, and makes it a film.
            if yearAfter != nil { end += 1 }
            let first = origin[start], last = origin[end - 1]
            candidates.append(MentionContext.Candidate(
                mention: Mention(text: words[first...last].map(\.text).joined(separator: " "), position: first, length: last - first + 1, items: chosen),
                weak: yearAfter == nil && (found.partial || Self.isWeak(typed)), article: found.article,
                part: found.partial || found.subtitle))
            start = end
        }
        let accepted = MentionContext.accepted(candidates, in: words)
        let places = placesInSeries(of: accepted.mentions, in: words)
        return (places.mentions, missing + accepted.missing + places.missing)
    }

    /// Nouns after a series' name that mean all its films ("trilogy", "films"); the plural film
    /// nouns only after "the", a capital or a word for all of them ("alien movies" may be
    /// films about aliens).
    static let seriesNouns: Set<String> = ["trilogy", "trilogies", "quadrilogy", "series", "saga", "franchise", "sequels", "collection", "boxset"]
    /// Other catalogs' items too ("the harry potter books", "all the zelda games").
    private static let filmsNouns: Set<String> = ["films", "movies", "flicks", "ones", "pictures", "books", "novels", "albums", "games", "episodes"]
    /// Words before a series' name that take all its films ("all the", "every", "the whole").
    private static let allOf: Set<String> = ["all", "every", "each", "whole", "entire", "both"]

    /// Where the words that make a name the whole of its series start and end ("godfather
    /// trilogy", "all the alien films", "every alien movie"), as key indices: from the word for
    /// all of them (or the name) to the noun; nil when there is none.
    private func wholeSeriesNoun(after end: Int, before start: Int, in keys: [String], words: [TextNormalizer.Word], origin: [Int]) -> (Int, Int)? {
        guard let noun = keys[safe: end], !words[origin[end - 1]].endsSentence, !words[origin[end - 1]].pauseAfter else { return nil }
        // Back from the name past articles, "of" and a count ("all three godfather films").
        var look = start - 1
        while look >= 0, TextNormalizer.articles.contains(keys[look]) || keys[look] == "of" || Int(keys[look]).map((2...12).contains) == true,
              !words[origin[look]].endsSentence, !words[origin[look]].pauseAfter { look -= 1 }
        let all = look >= 0 && Self.allOf.contains(keys[look]) && !words[origin[look]].endsSentence && !words[origin[look]].pauseAfter
        let from = all ? look : start
        if Self.seriesNouns.contains(noun) { return (from, end) }
        // "which star trek movies do you have": the films of the series asked about.
        let which = look >= 0 && keys[look] == "which"
        if Self.filmsNouns.contains(noun) && (all || which || start > 0 && keys[start - 1] == "the" || words[origin[start]].capitalized) { return (from, end) }
        if all, ["film", "movie", "one", "flick", "picture"].contains(noun), keys[look] != "whole", keys[look] != "entire" { return (from, end) }
        return nil
    }

    /// Every film of the series each of `items` belongs to, and the films whose titles run on
    /// from it ("Aliens" after "Alien"), oldest first.
    func wholeSeries(of items: [Int32]) -> [Int32] {
        var films = Set(items)
        for item in items {
            if let name = seriesName(of: item) { films.formUnion(series[name]!.map { canonical[Int($0.item)] }) }
            films.formUnion(relatives(of: item))
        }
        return films.sorted { (years[Int($0)] ?? 0, $0) < (years[Int($1)] ?? 0, $1) }
    }

    /// Whether the number at `index` is a rating out of 5, 10 or 100 ("heat 9/10", "heat 4 5").
    static func isRating(at index: Int, in keys: [String]) -> Bool {
        guard let score = Int(keys[index]), let scale = keys[safe: index + 1].flatMap({ Int($0) }) else { return false }
        return [5, 10, 100].contains(scale) && score <= scale
    }

    /// The mentions, with each place named after a film of a series added as the series' film
    /// at that place: "loved jaws 2 but not the first" names Jaws too ("the original" is the
    /// first). A place with no series film named before it is a place in the last list.
    /// - Returns: the mentions, and the series films referred to that the catalog lacks ("loved
    ///   blade runner but the sequel bored me": no sequel here, and Blade Runner keeps its like).
    private func placesInSeries(of mentions: [Mention], in words: [TextNormalizer.Word]) -> (mentions: [Mention], missing: [Missing]) {
        guard !mentions.isEmpty else { return (mentions, []) }
        var result = mentions, missing: [Missing] = []
        let taken = Set(mentions.flatMap { $0.position..<($0.position + $0.length) })
        for index in words.indices.dropFirst() where !taken.contains(index) && ["the", "part"].contains(words[index - 1].text) {
            let word = words[index].text
            // "…, but part 2 was too long": the series' film of that number.
            let part = words[index - 1].text == "part" ? Int(TextNormalizer.titleForm(word)) : nil
            if words[index - 1].text == "part" && part == nil { continue }
            // "the sequel", "the prequel": the film after or before the one named.
            let step = word == "sequel" ? 1 : word == "prequel" ? -1 : 0
            guard let place = part ?? (word == "original" ? 1 : step != 0 ? 0 : RuleInterpreter.ordinal(word)) else { continue }
            // "the first time", "the second half" are not films.
            let next = words[safe: index + 1]
            let own = next.map { Vocabulary.filmNouns.contains($0.text) && !words[index].pauseAfter && !words[index].endsSentence } ?? false
            if part == nil, let next, !own, !words[index].pauseAfter, !words[index].endsSentence,
               !Vocabulary.predicates.contains(next.text), !Vocabulary.connectors.contains(next.text), !Vocabulary.clauseBreaks.contains(next.text),
               !["too", "either"].contains(next.text) { continue }
            // A name several films of one series share ("star wars" for its episodes) still
            // names the series: "the second" is its second film.
            if step == 0, word != "original", let shared = result.last(where: { $0.position < index }), shared.items.count > 1,
               let name = seriesName(of: shared.items[0]), shared.items.allSatisfy({ seriesName(of: $0) == name }),
               let member = sequel(place, of: name.split(separator: " ").map(String.init)) ?? series[name]?[safe: place - 1]?.item {
                let length = own ? 2 : 1
                result.append(Mention(text: words[index..<(index + length)].map(\.text).joined(separator: " "), position: index, length: length,
                                      items: [canonical[Int(member)]]))
                continue
            }
            guard let named = result.last(where: { $0.position < index && $0.items.count == 1 }) else { continue }
            let length = own ? 2 : 1
            // "The sequel", "the original", or a place past a series' end, where the catalog has
            // no such film: said to be missing. (A place after a film of no series is a place in
            // the last list: "loved heat, the second one bored me".)
            let lacking = Missing(text: words[(index - 1)..<(index + length)].map(\.text).joined(separator: " ") + (step != 0 ? " to " : " of ") + named.text,
                                  nearest: [], position: index)
            let item = named.items[0], name = seriesName(of: item)
            let member: Int32?
            if step != 0 || word == "original" {
                // By year among the series and the films whose titles run on from each other
                // ("Aliens" is the sequel of "Alien", though MovieLens' Alien series is Alien, Alien 3…).
                let kin = Set(relatives(of: item) + (name.map { series[$0]!.map { canonical[Int($0.item)] } } ?? [])).subtracting([item])
                let year = years[Int(item)] ?? 0, gap = { (other: Int32) in ((self.years[Int(other)] ?? 0) - year) * (step == 0 ? -1 : step) }
                let along = kin.filter { gap($0) > 0 }
                member = word == "original" ? along.max { (gap($0), $1) < (gap($1), $0) } : along.min { (gap($0), $0) < (gap($1), $1) }
            } else if let name {
                let members = series[name]!.map { canonical[Int($0.item)] }
                member = place == -1 ? members.last : sequel(place, of: name.split(separator: " ").map(String.init))
            } else {
                // "Part 3" of a film of no series here: missing (a place alone may be the list's).
                if part != nil { missing.append(lacking) }
                continue
            }
            guard let member, canonical[Int(member)] != item else {
                if member == nil { missing.append(lacking) }
                continue
            }
            result.append(Mention(text: words[index..<(index + length)].map(\.text).joined(separator: " "), position: index, length: length,
                                  items: [canonical[Int(member)]]))
        }
        return (result.sorted { $0.position < $1.position }, missing)
    }

    /// The films whose titles run on from `item`'s, or `item`'s from theirs: "The Matrix
    /// Reloaded" and "The Matrix", "Aliens" and "Alien".
    private func relatives(of item: Int32) -> [Int32] {
        let title = fullTitles[Int(item)]
        func runsOn(_ longer: [String], from shorter: [String]) -> Bool {
            guard let last = shorter.last else { return false }
            return longer.count > shorter.count && longer.starts(with: shorter) || longer.elementsEqual(shorter.dropLast() + [last + "s"])
        }
        return fullTitles.indices.filter { runsOn(fullTitles[$0], from: title) || runsOn(title, from: fullTitles[$0]) }.map { canonical[$0] }
    }

    /// The name of the series of two films or more that `item` belongs to, if any.
    private func seriesName(of item: Int32) -> String? {
        series.keys.sorted().first { name in
            series[name]!.count > 1 && series[name]!.contains { canonical[Int($0.item)] == item }
        }
    }

    /// A name of one word, or of everyday words only, is a film only in a film's place.
    static func isWeak(_ typed: [String]) -> Bool {
        let content = typed.filter { !Vocabulary.stopwords.contains($0) }
        return content.count <= 1 || content.allSatisfy(Vocabulary.commonWords.contains)
    }

    private struct Match {
        var length: Int
        var partial: Bool
        /// The alias tokens matched (typos corrected), for series look-ups.
        var typed: [String]
        var endsInNumber: Bool
        /// The matched title's own leading article.
        var article: String?
        /// A subtitle alone.
        var subtitle: Bool
        /// Each item the name may mean, with how well it matched.
        var items: [(item: Int32, quality: Double)]
    }

    /// The longest alias (or start of a long alias) at `start`; the fewest typos among equals.
    /// Typed and alias words align one to one, or two to one where a word is written
    /// joined or apart ("spiderman", "wall e"), and an article inside the alias may be left out.
    private func longestMatch(at start: Int, in keys: [String]) -> Match? {
        var best: Match?
        var bestTypos = Int.max
        var candidates = candidateAliases(for: keys[start])
        if let second = keys[safe: start + 1] { candidates.formUnion(byFirstToken[keys[start] + second] ?? []) }
        for aliasIndex in candidates {
            let alias = aliases[Int(aliasIndex)]
            var used = 0, typed = 0, typos = 0
            // Where each step left the two, so a start that stops on little words gives them back.
            var steps: [(used: Int, typed: Int)] = []
            while used < alias.tokens.count, start + typed < keys.count {
                defer { steps.append((used, typed)) }
                let word = keys[start + typed], wanted = alias.tokens[used]
                if word == wanted { used += 1; typed += 1; continue }
                if let next = alias.tokens[safe: used + 1], word == wanted + next { used += 2; typed += 1; continue }
                if let next = keys[safe: start + typed + 1], word + next == wanted { used += 1; typed += 2; continue }
                if used > 0, used + 1 < alias.tokens.count, TextNormalizer.articles.contains(wanted) { used += 1; continue }
                guard let cost = Self.typoCost(word, wanted, firstMatched: used > 0 && typos == 0) else { break }
                typos += cost
                used += 1
                typed += 1
            }
            // "willy wonka and fargo": the start of "Willy Wonka and the Chocolate Factory" is
            // "willy wonka"; the "and" is the sentence's, joining the next film.
            if used < alias.tokens.count {
                while let last = steps.last, last.used > 0, Vocabulary.stopwords.contains(alias.tokens[last.used - 1]) { steps.removeLast() }
                (used, typed) = steps.last.map { ($0.used, $0.typed) } ?? (0, 0)
            }
            let whole = used == alias.tokens.count
            guard used > 0, typos <= Self.allowedTypos(Array(alias.tokens.prefix(used))) else { continue }
            guard whole || (alias.kind != .subtitle && (Self.isTellingStart(alias.tokens, used) || isTellingWord(alias, used: used, typos: typos)))
            else { continue }
            let quality = (whole ? alias.kind.quality : 0.7) - 0.08 * Double(typos)
            let candidate = Match(length: typed, partial: !whole, typed: Array(alias.tokens.prefix(used)),
                                  endsInNumber: Int(alias.tokens[used - 1]) != nil, article: alias.article, subtitle: alias.kind == .subtitle,
                                  items: [(alias.item, quality)])
            if let current = best, current.length == typed, current.partial == !whole, bestTypos == typos {
                best!.items.append((alias.item, quality))
            } else if best == nil || typed > best!.length || typed == best!.length && (best!.partial && whole || best!.partial == !whole && typos < bestTypos) {
                best = candidate
                bestTypos = typos
            }
        }
        return best
    }

    /// Aliases whose first token is `word` or one edit from it (words of five letters or more).
    private func candidateAliases(for word: String) -> Set<Int32> {
        var found = Set(byFirstToken[word] ?? [])
        guard word.count >= 5 else { return found }
        var seen: Set<String> = [word]
        for key in TextNormalizer.deletions(word) + [word] {
            for token in typoKeys[key] ?? [] where seen.insert(token).inserted && Self.typoCost(word, token, firstMatched: false) != nil {
                found.formUnion(byFirstToken[token] ?? [])
            }
        }
        return found
    }

    /// The edits between a typed word and a title word when they may be a typo: one in a
    /// word of five letters or more (or of four, after the title's first word matched), two
    /// in one of eight or more; nil when too far apart or numbers.
    static func typoCost(_ typed: String, _ wanted: String, firstMatched: Bool) -> Int? {
        let length = max(typed.count, wanted.count)
        let allowed = length >= 8 ? 2 : length >= 5 || length == 4 && firstMatched ? 1 : 0
        // Vowels mixed up in a later word of a title, its consonants as they are ("twelve
        // monkies"): one slip of spelling, however many letters it changes.
        if allowed == 1, firstMatched, length >= 6, Int(typed) == nil, Int(wanted) == nil, abs(typed.count - wanted.count) <= 1,
           typed.filter({ !"aeiouy".contains($0) }) == wanted.filter({ !"aeiouy".contains($0) }) {
            return TextNormalizer.editDistance(typed, wanted) <= 2 ? 1 : nil
        }
        guard allowed > 0, abs(typed.count - wanted.count) <= allowed, Int(typed) == nil, Int(wanted) == nil else { return nil }
        let distance = TextNormalizer.editDistance(typed, wanted)
        return distance <= allowed ? distance : nil
    }

    /// Typos allowed in a title: none in short ones (too many false matches), one per word
    /// of four letters or more, at most two. A one-word title needs six letters: five-letter
    /// words sit one letter from everyday ones ("watch" was read as "The Witch").
    static func allowedTypos(_ key: [String]) -> Int {
        if key.count == 1 { return key[0].count >= 8 ? 2 : key[0].count >= 6 ? 1 : 0 }
        return min(2, key.count { $0.count >= 4 })
    }

    /// Whether the first `count` tokens of a long title name it ("willy wonka" for "Willy
    /// Wonka and the Chocolate Factory"): two telling words at least, half of the title's,
    /// and not ending on a little word ("lord of").
    /// Whether the one word typed, a title's first, names that film alone: a long word no
    /// other film's name starts with, that is no everyday, genre or mood word ("shawshank" for
    /// The Shawshank Redemption, which a trial's "i loved shawshank" had not found). Weak, as any
    /// one-word name: a film only in a film's place.
    private func isTellingWord(_ alias: Alias, used: Int, typos: Int) -> Bool {
        guard used == 1, typos == 0, alias.kind == .full, let word = alias.tokens.first, word.count >= 6, Int(word) == nil,
              !Vocabulary.everyday.contains(word), !Vocabulary.stopwords.contains(word), Vocabulary.genres[word] == nil,
              Vocabulary.moods[word] == nil else { return false }
        return Set((byFirstToken[word] ?? []).map { canonical[Int(aliases[Int($0)].item)] }).count == 1
    }

    static func isTellingStart(_ tokens: [String], _ count: Int) -> Bool {
        guard count >= 2, !Vocabulary.stopwords.contains(tokens[count - 1]) else { return false }
        let typed = tokens.prefix(count).count { !Vocabulary.stopwords.contains($0) }
        let all = tokens.count { !Vocabulary.stopwords.contains($0) }
        return typed >= 2 && typed * 2 >= all
    }

    /// A title's tokens as people say it ("Fugitive, The" → "fugitive"; no year, no article).
    static func fullTitle(_ title: String) -> [String] {
        TitleAliases(title: title).aliases.first { $0.kind == .full }?.tokens ?? TextNormalizer.key(title)
    }

    /// Titles that share a start of two words or more, not ending on a little word ("harry
    /// potter"), where no title has a main title of its own: a franchise, by that start.
    static func franchises(_ catalog: [Item]) -> [[String]: [Int32]] {
        var byStart: [[String]: Set<Int32>] = [:]
        for (index, item) in catalog.enumerated() {
            let tokens = Self.fullTitle(item.title)
            guard tokens.count >= 4, TitleAliases.separators(in: item.title).isEmpty else { continue }
            for length in 2..<(tokens.count - 1) where !Vocabulary.stopwords.contains(tokens[length - 1]) {
                byStart[Array(tokens.prefix(length)), default: []].insert(Int32(index))
            }
        }
        // The longest start each film shares with another.
        var franchises: [[String]: [Int32]] = [:]
        var taken = Set<Int32>()
        for (start, members) in byStart.sorted(by: { $0.key.count > $1.key.count }) where members.count > 1 {
            let free = members.subtracting(taken)
            guard free.count > 1 || !free.isEmpty && franchises[start] != nil else { continue }
            franchises[start, default: []].append(contentsOf: free.sorted())
            taken.formUnion(free)
        }
        return franchises
    }

    /// The film numbered `number` in the series named `name`: the one titled with that
    /// number, or the `number`th by year when the numbers the series' titles carry agree
    /// with their order ("die hard 3": Die Hard, Die Hard 2, then With a Vengeance).
    /// - Parameter countingRemakes: whether a film of the same title counts ("the second
    ///   scarface" is the later one; "dune part two" is no remake).
    func sequel(_ number: Int, of name: [String], countingRemakes: Bool = false) -> Int32? {
        guard let members = series[name.joined(separator: " ")] else { return nil }
        if let titled = members.first(where: { $0.number == number }) { return titled.item }
        // The first is the oldest, whatever numbers the others carry ("the first alien film").
        if number == 1, members.count > 1 { return members[0].item }
        let ordered = members.enumerated().allSatisfy { position, member in member.number.map { $0 == position + 1 } ?? true }
        guard ordered, members.indices.contains(number - 1), members[number - 1].number == nil || number == 1 else { return nil }
        // A remake under the same title is no sequel ("dune part two" is not Dune (2021) after Dune (1984)).
        guard countingRemakes || number == 1 || fullTitles[Int(members[number - 1].item)] != fullTitles[Int(members[0].item)] else { return nil }
        return members[number - 1].item
    }

    /// The items a name means: the best matches, then a year typed after it (or anywhere)
    /// that one of them has, then popularity when one film clearly leads.
    private func choose(_ items: [(item: Int32, quality: Double)], years typedYears: Set<Int>, yearAfter: Int?) -> [Int32] {
        var quality: [Int32: Double] = [:]
        for (item, q) in items { quality[canonical[Int(item)]] = max(quality[canonical[Int(item)]] ?? -1, q) }
        let top = quality.values.max() ?? 0
        var close = quality.filter { $0.value >= top - 0.05 }.map(\.key)
        if let yearAfter, close.contains(where: { years[Int($0)] == yearAfter }) {
            close = close.filter { years[Int($0)] == yearAfter }
        } else if close.contains(where: { years[Int($0)].map(typedYears.contains) ?? false }) {
            close = close.filter { years[Int($0)].map(typedYears.contains) ?? false }
        }
        guard close.count > 1 else { return close }
        if !popularity.isEmpty {
            close.sort { (popularity[Int($0)], years[Int($0)] ?? 0, $1) > (popularity[Int($1)], years[Int($1)] ?? 0, $0) }
            let leader = close[0], leading = popularity[Int(leader)]
            // Ask back only when another film is about as well known as the leader.
            close = close.filter { $0 == leader || popularity[Int($0)] * 2 > leading }
            return Array(close.prefix(4))
        }
        return close.sorted { (years[Int($0)] ?? 0, $1) > (years[Int($1)] ?? 0, $0) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
