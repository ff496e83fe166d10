import CuratorCore

/// One way a person types a film's title.
public struct SpokenTitle: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The whole main title, article in front: "the fugitive".
        case full
        /// The article dropped: "fugitive".
        case withoutArticle
        /// The part before a colon or an "or:": "terminator 2", "dr strangelove".
        case short
        /// The subtitle alone: "judgment day", "return of the king".
        case subtitle
        /// A parenthesised or a.k.a. title: "se7en", "sunset boulevard".
        case alias
        /// A sequel's number as a digit or a word: "die hard two", "evil dead 2".
        case sequel
    }

    public var text: String
    public var kind: Kind
}

/// Every title of a catalog in the forms people type, and which forms name one film only.
///
/// A form several films share (a short title of a series, a remake's title) is kept for the
/// most watched of them when it is at least twice as watched as the next (a person saying
/// "scarface" means the well-known one); otherwise it is not used: the simulator names films
/// as someone who means one particular film would.
public struct SpokenTitleBook: Sendable {
    /// Per item, the forms a person may type for it (usable ones only), best known first.
    public let forms: [[SpokenTitle]]
    /// Folded form → the items it may mean.
    let holders: [String: [Int32]]

    /// - Parameters:
    ///   - catalog: the items, by dense index.
    ///   - popularity: interactions per item (what makes a title "the well-known one").
    public init(catalog: [Item], popularity: [Int]) {
        let anatomies = catalog.map { TitleAnatomy($0.title) }
        let bases = Set(anatomies.flatMap { [Typing.fold($0.main), Typing.fold(Self.withoutArticle(Typing.spoken($0.main)) ?? "")] })
        let all = anatomies.map { Self.candidates($0, knownTitles: bases) }
        var holders: [String: [Int32]] = [:]
        for (item, forms) in all.enumerated() {
            for key in Set(forms.map { Typing.fold($0.text) }) { holders[key, default: []].append(Int32(item)) }
        }
        self.holders = holders
        forms = all.enumerated().map { item, forms in
            forms.filter { form in
                let key = Typing.fold(form.text)
                guard key.count >= 2, Int(key) == nil, let owners = holders[key] else { return false }
                if owners.count == 1 { return true }
                let ranked = owners.sorted { popularity[Int($0)] > popularity[Int($1)] }
                return ranked[0] == Int32(item) && popularity[Int(ranked[0])] >= 2 * max(popularity[Int(ranked[1])], 1)
            }
        }
    }

    /// The items a typed text names exactly (folded), if any.
    public func items(named text: String) -> [Int32] { holders[Typing.fold(text)] ?? [] }

    /// Every form a title can take, before the uniqueness check.
    static func candidates(_ title: TitleAnatomy, knownTitles: Set<String>) -> [SpokenTitle] {
        var result: [SpokenTitle] = []
        func add(_ text: String, _ kind: SpokenTitle.Kind) {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !result.contains(where: { Typing.fold($0.text) == Typing.fold(text) }) else { return }
            result.append(SpokenTitle(text: text, kind: kind))
        }
        let full = Typing.spoken(title.main)
        add(full, .full)
        if let bare = withoutArticle(full) { add(bare, .withoutArticle) }
        if let short = title.short.map(Typing.spoken) {
            add(short, .short)
            if let bare = withoutArticle(short) { add(bare, .short) }
        }
        if let subtitle = title.subtitle.map(Typing.spoken), subtitle.split(separator: " ").count >= 2 {
            add(subtitle, .subtitle)
            if let bare = withoutArticle(subtitle) { add(bare, .subtitle) }
        }
        for alternate in title.alternates {
            let isAlias = title.aliases.contains(alternate)
            let plain = alternate == alternate.folding(options: .diacriticInsensitive, locale: nil)
            guard isAlias || (plain && alternate.split(separator: " ").count <= 3) else { continue }
            add(Typing.spoken(alternate), .alias)
        }
        for text in [full, title.short.map(Typing.spoken)].compactMap({ $0 }) {
            for sequel in sequelForms(text, knownTitles: knownTitles) { add(sequel, .sequel) }
        }
        return result
    }

    /// "the fugitive" → "fugitive"; nil when no English article leads, or when what is left
    /// is a short single word nobody says bare ("the net" stays).
    static func withoutArticle(_ spoken: String) -> String? {
        let words = spoken.split(separator: " ").map(String.init)
        guard words.count >= 2, ["the", "a", "an"].contains(words[0]) else { return nil }
        let rest = Array(words.dropFirst())
        guard rest.count >= 2 || rest[0].count >= 5 else { return nil }
        return rest.joined(separator: " ")
    }

    static let numberWords = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    static let romans = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]

    /// A sequel's other spellings: "die hard 2" → "die hard two", "die hard ii"; "the
    /// godfather part ii" → "godfather 2", "the godfather part two". A trailing roman numeral
    /// after a single word ("richard iii") is a name, not a sequel, unless that word is itself
    /// a title in the catalog.
    static func sequelForms(_ spoken: String, knownTitles: Set<String>) -> [String] {
        var words = spoken.split(separator: " ").map(String.init)
        guard words.count >= 2, let last = words.last else { return [] }
        let number: Int
        var isRoman = false
        if let digit = Int(last), (2...9).contains(digit) { number = digit }
        else if let roman = romans.firstIndex(of: last), roman >= 2 { number = roman; isRoman = true }
        else { return [] }
        words.removeLast()
        let hadPart = words.last == "part"
        if hadPart { words.removeLast() }
        guard !words.isEmpty else { return [] }
        let base = words.joined(separator: " ")
        if isRoman && !hadPart && words.count < 2 && !knownTitles.contains(Typing.fold(base)) { return [] }
        var forms = [base + " " + String(number), base + " " + numberWords[number], base + " " + romans[number]]
        if hadPart { forms += [base + " part " + String(number), base + " part " + numberWords[number]] }
        if let bare = withoutArticle(base) { forms.append(bare + " " + String(number)) }
        return forms.filter { $0 != spoken }
    }
}
