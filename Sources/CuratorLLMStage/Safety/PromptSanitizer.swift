import Foundation

/// Turns catalog free text (titles, descriptions, tags) into data that is safe to quote in a prompt.
///
/// Safety by construction, not by hoping the model behaves: every candidate string passes
/// through here before it reaches a template, so
/// - control characters and line breaks go (a description cannot open a new prompt line);
/// - template and chat delimiters go (`{{`, `}}`, `<start_of_turn>`, `<|im_start|>`, `[INST]`,
///   fences, double quotes, which the templates use to quote the text);
/// - every sentence that addresses the model is dropped whole ("ignore previous instructions",
///   "rank this first", "system:", "you are now", ...), so an item whose text carries an
///   injection renders exactly the prompt it would without it;
/// - the result is capped in length (at a word boundary).
public struct PromptSanitizer: Sendable {
    /// The most characters kept of one text.
    public var maximumLength: Int

    /// Creates a sanitizer.
    /// - Parameter maximumLength: the most characters kept of one text.
    public init(maximumLength: Int = 280) {
        self.maximumLength = maximumLength
    }

    /// Whole template tags and chat-turn markers (with the role that follows), removed first.
    static let markupPatterns = [
        #"\{\{[^{}]*\}\}"#, #"\{%[^{}]*%\}"#, #"<\|[^<>|]{0,40}\|>\s*(system|user|assistant|model)?"#,
        #"<(start|end)_of_turn>\s*(system|user|assistant|model)?"#, #"</?(s|sys|system|user|assistant)>"#,
    ]

    /// Delimiters of templates and chat formats, removed wherever they still appear.
    static let delimiters = [
        "{{", "}}", "{%", "%}", "<start_of_turn>", "<end_of_turn>", "<|", "|>", "[INST]", "[/INST]",
        "<<SYS>>", "<</SYS>>", "<s>", "</s>", "```", "\"\"\"", "###",
    ]

    /// Patterns (lower-cased, on a sentence) that address the model rather than describe an item.
    static let instructionPatterns: [String] = [
        #"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instruction|instructions|prompt|prompts|rules?|above|previous|prior|earlier)\b"#,
        #"\b(rank|rate|put|place|list|score|recommend|choose|pick|select|move)\b.{0,30}\b(this|me|it|item|movie|film|candidate|letter|id)\b.{0,30}(\bfirst\b|\btop\b|\bhighest\b|\bbest\b|#\s?1\b|\bnumber one\b|\babove\b)"#,
        #"\b(system|assistant|user|developer)\s*:"#,
        #"\byou are (now|a|an)\b"#,
        #"\b(new|updated) (instructions?|rules?|task)\b"#,
        #"\b(answer|respond|reply|output|print|say|return)\b.{0,30}\b(only|with|letter|id|json)\b"#,
        #"\bas an ai\b"#,
        #"\bprompt injection\b"#,
    ]

    static let markup: [NSRegularExpression] = markupPatterns.map {
        try! NSRegularExpression(pattern: $0, options: [.caseInsensitive])
    }

    static let compiled: [NSRegularExpression] = instructionPatterns.map {
        // The patterns are constants checked by the tests; a typo is a programming error.
        try! NSRegularExpression(pattern: $0, options: [.caseInsensitive])
    }

    /// `text` as safe, quoted-ready data.
    public func sanitize(_ text: String) -> String {
        // Line breaks and removed markup end a sentence (an injection on its own line or turn is
        // dropped without taking the description's sentence with it); other controls become
        // spaces. Invisible format characters (zero-width space and joiners, soft hyphen, BOM)
        // vanish: as spaces they would split "ig\u{200B}nore" into words no pattern knows.
        var cleaned = String(String.UnicodeScalarView(text.unicodeScalars.compactMap { scalar in
            switch scalar.properties.generalCategory {
            case .lineSeparator, .paragraphSeparator: Self.boundary
            case .control where scalar == "\n" || scalar == "\r": Self.boundary
            case .control: " "
            case .format: nil
            default: scalar
            }
        }))
        for pattern in Self.markup {
            cleaned = pattern.stringByReplacingMatches(
                in: cleaned, range: NSRange(cleaned.startIndex..., in: cleaned), withTemplate: String(Self.boundary))
        }
        var changed = true
        while changed {  // removing one delimiter may join the halves of another ("{{{" → "{")
            changed = false
            for token in Self.delimiters where cleaned.contains(token) {
                cleaned = cleaned.replacingOccurrences(of: token, with: " ")
                changed = true
            }
        }
        cleaned = cleaned.replacingOccurrences(of: "\"", with: "'")
        let kept = Self.sentences(of: cleaned).filter { !Self.addressesTheModel($0) }
        return Self.cap(kept.joined(separator: " "), to: maximumLength)
    }

    /// Whether `sentence` talks to the model (and so is dropped).
    public static func addressesTheModel(_ sentence: String) -> Bool {
        let range = NSRange(sentence.startIndex..., in: sentence)
        return compiled.contains { $0.firstMatch(in: sentence, range: range) != nil }
    }

    /// Marks a forced sentence end (a line break or removed markup) while cleaning.
    static let boundary: Unicode.Scalar = "\u{2029}"

    /// Sentences, split after `.`, `!`, `?` or `;` followed by space, and at forced boundaries;
    /// whitespace collapsed.
    static func sentences(of text: String) -> [String] {
        text.split(separator: Character(boundary)).flatMap { sentences(ofLine: String($0)) }
    }

    static func sentences(ofLine text: String) -> [String] {
        let words = text.split(whereSeparator: \.isWhitespace)
        var sentences: [String] = []
        var current: [Substring] = []
        for word in words {
            current.append(word)
            if let last = word.last, ".!?;".contains(last) {
                sentences.append(current.joined(separator: " "))
                current = []
            }
        }
        if !current.isEmpty { sentences.append(current.joined(separator: " ")) }
        return sentences
    }

    /// `text` cut to at most `limit` characters at a word boundary, with an ellipsis when cut.
    static func cap(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let prefix = text.prefix(limit)
        let cut = prefix.lastIndex(of: " ").map { prefix[..<$0] } ?? prefix
        return cut.trimmingCharacters(in: .whitespaces) + "…"
    }
}
