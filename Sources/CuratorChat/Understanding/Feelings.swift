/// What a clause says about each film it names. Each mention owns the words on its left
/// back to the previous list word ("and", a comma), and on its right up to the next one:
/// a cue there is its own ("I loved Heat and Se7en bored me": liked, then disliked). A
/// mention with no cue of its own shares the feeling of the list it stands in, the left side
/// first ("I loved Heat and Se7en": both liked; "Heat and Se7en bored me": both disliked).
enum Feelings {
    /// Per mention of `clause`, in order: its feeling (nil where nothing in the clause says one),
    /// and whether the user says it is not seen yet ("never seen casablanca", "haven't seen
    /// casablanca or roman holiday": no feeling of theirs, the film new to them). One reading of
    /// the clause gives both.
    static func read(
        _ mentions: [TitleMatcher.Mention], in words: [TextNormalizer.Word], clause: Range<Int>
    ) -> [(feeling: ChatSession.Feeling?, unseen: Bool)] {
        // "have you seen X?" asks; it says nothing of the user's feeling, nor shares a neighbour's.
        var asked = Set<Int>()
        // "never seen X": not seen, and nothing said of it is the user's feeling ("…, heard it's great").
        var unseen = Set<Int>()
        let own: [ChatSession.Feeling?] = mentions.indices.map { index in
            let (left, right) = segments(of: index, mentions, in: words, clause: clause)
            let leftWords = words[left].map(\.text)
            if saysUnseen(leftWords + ["|"] + words[right].map(\.text)) {
                unseen.insert(index)
                return nil
            }
            if leftWords.indices.contains(where: { question(in: leftWords, at: $0) != nil }) { asked.insert(index) }
            let head = Self.head(of: mentions[index], in: words)
            // "ok what about Heat?", "hmm, how about the fugitive": asking about the film, or for
            // films like it; what came before ("ok") is no feeling of it ("Noted: you liked" it had
            // said). Only the words after it may say one ("what about Heat, loved that").
            if head >= left.lowerBound + 2, ["what", "how"].contains(words[head - 2].text), words[head - 1].text == "about" {
                asked.insert(index)
                return feeling(of: ["|"] + words[right].map(\.text))
            }
            // "skip Coco then", "leave out Up": left out as "not" leaves out (a stranger's "skip Coco"
            // had asked for more like Coco).
            let leftOut = head > left.lowerBound + 1 && ["leave", "leaving"].contains(words[head - 2].text) && words[head - 1].text == "out"
            if leftOut || head > left.lowerBound && ["not", "except", "nor", "isnt", "without", "skip", "minus", "excluding"].contains(words[head - 1].text) {
                // "not Heat, we've seen it": left out as seen, not turned away; so with "seen it a
                // million times" (a trial's "not star wars, seen it…" had been a dislike).
                let after = words[right].map(\.text)
                return feeling(of: ["|"] + after) == .seen || saysRewatched(after) ? .seen : .disliked
            }
            // "anything but Titanic"
            if head > left.lowerBound + 1, words[head - 1].text == "but", Vocabulary.wholes.contains(words[head - 2].text) { return .disliked }
            return feeling(of: Array(words[left].map(\.text)) + ["|"] + words[right].map(\.text))
        }
        // Mentions joined only by list words ("Heat, Se7en and Alien") share a feeling;
        // ", and I hated Y" after "X again" starts another statement.
        // So do films of one list with a name the catalog lacks between them ("heat, zorbo tales
        // and alien were great": Heat had been named with no feeling).
        let listed = mentions.indices.dropLast().map { index in
            let end = mentions[index].position + mentions[index].length, next = Self.head(of: mentions[index + 1], in: words)
            return words[end..<next].allSatisfy { Vocabulary.connectors.contains($0.text) }
                || MentionContext.listItems(after: end, in: words).contains { $0.lowerBound == next }
        }
        // "…, the sequel too", "not the sequel either", "…, so was die hard", "same with alien":
        // the feeling of the film before.
        let echoes = mentions.indices.map { index in
            let (left, right) = segments(of: index, mentions, in: words, clause: clause)
            let before = words[left].map(\.text).filter { !Vocabulary.connectors.contains($0) || $0 == "so" }
            let echoed = before.suffix(2).first == "so" && ["was", "is", "were", "did", "does"].contains(before.last ?? "")
                || before.suffix(2) == ["same", "with"] || before.suffix(2) == ["same", "for"]
            let rightWords = right.map { words[$0].text }
            return index > 0 && (echoed || !rightWords.isEmpty && rightWords.allSatisfy(["too", "as", "well", "also", "either"].contains))
        }
        var resolved: [(feeling: ChatSession.Feeling?, unseen: Bool)] = []
        for index in own.indices {
            if let feeling = own[index] ?? (echoes[index] ? resolved[index - 1].feeling : nil) {
                resolved.append((feeling, false))
            } else if unseen.contains(index) || echoes[index] && resolved[index - 1].unseen {
                resolved.append((nil, true))
            } else {
                resolved.append(shared(index))
            }
        }
        return resolved

        // The reading of the nearest film in its list that has one of its own.
        func shared(_ index: Int) -> (feeling: ChatSession.Feeling?, unseen: Bool) {
            if asked.contains(index) { return (nil, false) }
            var left = index, right = index
            while left > 0, listed[left - 1] {
                left -= 1
                if let feeling = own[left] { return (feeling, false) }
                if unseen.contains(left) { return (nil, true) }
            }
            while right < own.count - 1, listed[right] {
                right += 1
                if let feeling = own[right] { return (feeling, false) }
                if unseen.contains(right) { return (nil, true) }
            }
            return (nil, false)
        }
    }

    /// The feeling of a clause that names no film but speaks of the one just named
    /// ("Heat. Loved it", "seen Heat? one of my favourites", "That Darn Cat! was fun").
    static func aboutThePrevious(_ words: [TextNormalizer.Word], clause: Range<Int>) -> ChatSession.Feeling? {
        speaksOfThePrevious(words, clause: clause) ? feeling(of: clause.map { words[$0].text }) : nil
    }

    /// Whether a clause that names no film says the one just named is not seen yet
    /// ("casablanca? haven't seen it", "Heat. never watched it").
    static func unseenOfThePrevious(_ words: [TextNormalizer.Word], clause: Range<Int>) -> Bool {
        speaksOfThePrevious(words, clause: clause) && saysUnseen(clause.map { words[$0].text })
    }

    /// Whether a clause that names no film speaks of the one just named: it opens on a word
    /// that refers back or a predicate, and asks no wish.
    private static func speaksOfThePrevious(_ words: [TextNormalizer.Word], clause: Range<Int>) -> Bool {
        guard let first = clause.first, !asksAWish(clause.map { words[$0].text }) else { return false }
        return Vocabulary.backReferences.contains(words[first].text)
            || clause.contains(where: { Vocabulary.backReferences.contains(words[$0].text) && $0 < first + 3 })
            || Vocabulary.predicates.contains(words[first].text)
    }

    /// The feeling a clause after "but" (or "though", "yet"…) names no film but gives of the
    /// films of the clause before ("…was beautiful but way too slow"); nil when it starts a wish
    /// ("but something lighter", "but nothing too violent"), asks one ("but not too violent
    /// please", "but not too dark": a trial's "i loved heat, but not too violent please" had
    /// turned Heat away) or speaks of a genre ("but no more westerns").
    static func verdict(after words: [TextNormalizer.Word], clause: Range<Int>) -> ChatSession.Feeling? {
        guard let first = clause.first, first > 0, Vocabulary.clauseBreaks.contains(words[first - 1].text) else { return nil }
        let tokens = clause.map { words[$0].text }
        if Vocabulary.wishStarts.contains(tokens[0]) || Vocabulary.wishesTurnedAway.contains(tokens[0]) { return nil }
        if asksAWish(tokens) { return nil }
        if tokens.contains(where: { Vocabulary.genres[$0] != nil || Vocabulary.genres[RuleInterpreter.stem($0)] != nil }) { return nil }
        if saysOfSomethingElse(tokens) { return nil }
        return feeling(of: tokens)
    }

    /// Whether a clause the user says in their own voice speaks of something of its own, not of
    /// the film before: "…but I can't stand violence", "I just hate slow films" (a stranger's
    /// "I loved Alien but I can't stand gore" had turned Alien away). One that refers back ("but I
    /// found it too long", "but I hated that one") still judges the film.
    static func saysOfSomethingElse(_ tokens: [String]) -> Bool {
        guard let subject = tokens.firstIndex(where: { ["i", "we", "im", "ive"].contains($0) }), subject <= 1 else { return false }
        let after = tokens[(subject + 1)...]
        guard !after.contains(where: ["it", "its", "that", "this", "them", "those", "one", "ones", "both", "him", "her", "he", "she"].contains)
        else { return false }
        // A verb of feeling with an object after it ("can't stand gore", "hate slow films");
        // "I was bored", "I really loved." judge the film before.
        guard let verb = after.firstIndex(where: objectVerbs.contains) else { return false }
        return after[(verb + 1)...].contains { !Vocabulary.stopwords.contains($0) && !Vocabulary.intensifiers.contains($0) }
    }

    /// Verbs of feeling that take what they are about as their object.
    static let objectVerbs: Set<String> = [
        "stand", "hate", "hates", "loathe", "detest", "despise", "dislike", "mind", "like", "love", "enjoy", "adore", "prefer",
        "want", "need", "handle", "do", "fancy", "avoid",
    ]

    /// Whether a clause with no film asks for tonight's rather than judging one named before:
    /// "please", or "not too …" / "not so …" ("i loved heat. not too violent please"; "not" opens
    /// a judgement too, "Heat. not good").
    static func asksAWish(_ tokens: [String]) -> Bool {
        tokens.contains("please") || tokens.starts(with: ["not", "too"]) || tokens.starts(with: ["not", "so"])
    }

    /// Word indices of the mentions (with their typed articles) and of what is said of them
    /// as a predicate ("was funny", "bored me"): none of it is a wish.
    static func describedWords(_ mentions: [TitleMatcher.Mention], in words: [TextNormalizer.Word], clause: Range<Int>) -> Set<Int> {
        var described = Set<Int>()
        for index in mentions.indices {
            let mention = mentions[index]
            let head = head(of: mention, in: words), end = mention.position + mention.length
            described.formUnion(head..<end)
            // A description of the film in apposition, before or after its name ("that space
            // movie, interstellar"; "toy story, the one with the cowboy doll,"): no wish.
            if let start = MentionContext.appositionStart(head, in: words) { described.formUnion(max(clause.lowerBound, start)..<head) }
            if end < clause.upperBound, words[end - 1].pauseAfter {
                let last = (end..<clause.upperBound).first { words[$0].pauseAfter || words[$0].endsSentence } ?? clause.upperBound - 1
                if MentionContext.describesAFilm(words[end...last].map(\.text)) { described.formUnion(end...last) }
            }
            // "nothing beats up": praise said right before the name is about it, no wish turned away.
            if let start = praiseStart(before: head, in: words) { described.formUnion(max(clause.lowerBound, start)..<head) }
            // "my favourite western is unforgiven": the subject that names the film describes it.
            if let subject = MentionContext.namingSubject(before: head, in: words) {
                described.formUnion(max(clause.lowerBound, subject.words.lowerBound)..<head)
            }
            let (_, right) = segments(of: index, mentions, in: words, clause: clause)
            guard let first = right.first, Vocabulary.predicates.contains(words[first].text) else { continue }
            var next = first
            while next < right.upperBound, !Vocabulary.connectors.contains(words[next].text) {
                described.insert(next)
                if words[next].pauseAfter { break }
                next += 1
            }
        }
        return described
    }

    /// Whether a mention is the subject of what its clause says next ("Aliens was just noise",
    /// "the sequel really felt hollow"): a predicate follows it, past an adverb or two.
    static func isSubject(_ mention: TitleMatcher.Mention, in words: [TextNormalizer.Word], clause: Range<Int>) -> Bool {
        var next = mention.position + mention.length
        while next < clause.upperBound, next - mention.position - mention.length < 2, Vocabulary.adverbs.contains(words[next].text) { next += 1 }
        return next < clause.upperBound && !words[next - 1].endsSentence && Vocabulary.predicates.contains(words[next].text)
    }

    /// The first word of a mention, counting an article typed before it.
    static func head(of mention: TitleMatcher.Mention, in words: [TextNormalizer.Word]) -> Int {
        let start = mention.position
        return start > 0 && TextNormalizer.articles.contains(words[start - 1].text) ? start - 1 : start
    }

    /// The words a mention owns on each side, within its clause.
    static func segments(
        of index: Int, _ mentions: [TitleMatcher.Mention], in words: [TextNormalizer.Word], clause: Range<Int>
    ) -> (left: Range<Int>, right: Range<Int>) {
        let mention = mentions[index]
        let head = Self.head(of: mention, in: words), end = mention.position + mention.length
        // Before the first mention, a comma closes what came before ("I'd like a comedy, not too old, maybe like X").
        var leftStart = index == 0 ? clause.lowerBound : split(mentions[index - 1].position + mentions[index - 1].length, head, in: words)
        // Not before a name given to a film just described: "I loved the one with the shark, jaws".
        if index == 0, let pause = (clause.lowerBound..<head).last(where: { words[$0].pauseAfter }) {
            leftStart = max(clause.lowerBound, MentionContext.appositionStart(head, in: words).map { start in
                (clause.lowerBound..<start).last(where: { words[$0].pauseAfter }).map { $0 + 1 } ?? clause.lowerBound
            } ?? pause + 1)
        }
        var rightEnd = index == mentions.count - 1 ? clause.upperBound : split(end, Self.head(of: mentions[index + 1], in: words), in: words)
        // After a pause, a wish starts something new ("seen X already, how about something funny").
        // So does a wish turned away ("I adore Toy Story, nothing too violent"): its "nothing"
        // stands for the film wanted next, as "something" does, not for the one just named.
        // Right after the film's own pause too ("already watched X, how about…"), except what
        // still exclaims about it ("X, what a bore", "X, so good").
        func startsWish(_ at: Int) -> Bool {
            let word = words[at].text
            if Vocabulary.wishesTurnedAway.contains(word) { return true }
            guard Vocabulary.wishStarts.contains(word) else { return false }
            return at > end || !["what", "how", "so"].contains(word) || words[safe: at + 1]?.text == "about"
        }
        if let wish = (end..<max(end, rightEnd)).first(where: { $0 > 0 && words[$0 - 1].pauseAfter && startsWish($0) }) {
            rightEnd = wish
        }
        return (leftStart..<max(leftStart, head), end..<max(end, rightEnd))
    }

    /// Where the words between two mentions divide: after the last list word or comma.
    private static func split(_ from: Int, _ to: Int, in words: [TextNormalizer.Word]) -> Int {
        guard from < to else { return to }
        var index = to - 1
        while index >= from {
            if Vocabulary.connectors.contains(words[index].text) || words[index].pauseAfter { return index + 1 }
            index -= 1
        }
        return from
    }

    /// The feeling the cue words of `tokens` express: a dislike outweighs praise, praise
    /// outweighs "seen"; nil when there is no cue.
    static func feeling(of tokens: [String]) -> ChatSession.Feeling? {
        reading(of: tokens).feeling
    }

    /// `tokens` without the words that only say how much of what follows ("stupid funny",
    /// "insanely good", "crazy scary"): a stranger's "sumthin stupid funny" had turned comedies
    /// away and the film named before it.
    static func withoutSlangDegrees(_ tokens: [String]) -> [String] {
        guard tokens.contains(where: Vocabulary.slangDegrees.contains) else { return tokens }
        return tokens.indices.filter { index in
            guard Vocabulary.slangDegrees.contains(tokens[index]), let next = tokens[safe: index + 1] else { return true }
            return !(Vocabulary.praise.contains(next) || Vocabulary.namesGenre(next) || Vocabulary.moods[next] != nil)
        }.map { tokens[$0] }
    }

    /// Whether `tokens` say a film is not seen yet ("never seen it", "haven't watched it",
    /// "I don't think I've seen it"): new to the user, neither seen nor a feeling of theirs.
    static func saysUnseen(_ tokens: [String]) -> Bool {
        reading(of: tokens).unseen
    }

    /// The feeling of `tokens` (`feeling(of:)`), and whether they say the film is not seen yet.
    private static func reading(of tokens: [String]) -> (feeling: ChatSession.Feeling?, unseen: Bool) {
        let tokens = withoutSlangDegrees(tokens)
        var negative = false, positive = false, seen = false, unseen = false
        // After "I didn't think", "can't say": the next cue is turned round.
        var turned = false
        var index = 0
        while index < tokens.count {
            if let length = question(in: tokens, at: index) { index += length; continue }
            // "ok i saw heat", "okay we have seen casablanca": an opening, not praise of the film.
            if index == 0, tokens.count > 1, Vocabulary.openers.contains(tokens[0]) { index += 1; continue }
            // "never seen casablanca", "haven't watched it yet": not seen, so no "seen" (a trial's
            // "never seen casablanca" had been "you've seen"); "haven't seen it in years" has been.
            // A longer cue wins: "didn't see the point of it" is a dislike.
            if let length = unseenLength(in: tokens, at: index), (longestCue(in: tokens, at: index)?.1 ?? 0) <= length {
                let after = Array(tokens[(index + length)...].prefix(5))
                if after.contains(where: Vocabulary.sinceLongAgo.contains) || Vocabulary.contains(Vocabulary.sinceLongAgoPhrases, in: after) { seen = true } else if !after.contains(where: Vocabulary.notSeenThere.contains) { unseen = true }
                index += length
                continue
            }
            if let opinion = Vocabulary.negatedOpinions.first(where: { Vocabulary.phrase($0, at: index, in: tokens) }),
               tokens[safe: index + opinion.count] != "much" {
                turned = true
                index += opinion.count
                continue
            }
            // "more like Heat", "something like the second": a likeness asked for, no feeling.
            if tokens[index] == "like", index == 0 || Vocabulary.beforeLikeness.contains(tokens[index - 1]) {
                index += 1
                continue
            }
            // "seen it 3 times", "watched it five times": a count of viewings past one is a rewatch.
            if tokens[index] == "times", saysRewatched(Array(tokens[max(0, index - 1)...index])) {
                positive = true
                index += 1
                continue
            }
            if let (cue, length) = longestCue(in: tokens, at: index) {
                switch (cue, turned) {
                case (.disliked, false), (.liked, true): negative = true
                case (.liked, false), (.disliked, true): positive = true
                // "I don't think I've seen it".
                case (.seen, true): unseen = true
                case (.seen, false): seen = true
                }
                turned = false
                index += length
                continue
            }
            // A negated praise or appeal: "doesn't appeal", "isn't for me", "didn't really grab me",
            // "not great" (a cue of its own, like "not bad", was taken above).
            if Vocabulary.negators.contains(tokens[index]) {
                var next = index + 1
                // "never gets boring", "didn't feel long at all": past the verb a judgement follows;
                // "not a huge fan of it", "not a great film": past its article and size. Not past a
                // cue: "wasn't that good", "didn't really like it" had skipped "good" and "like" as
                // degree words and read praise.
                while next < tokens.count, Vocabulary.intensifiers.contains(tokens[next]) || Self.beforeAJudgement.contains(tokens[next]),
                      longestCue(in: tokens, at: next) == nil { next += 1 }
                let cue = next < tokens.count ? longestCue(in: tokens, at: next) : nil
                if let word = tokens[safe: next], Vocabulary.appeal.contains(word) || cue?.0 == .liked {
                    if turned { positive = true } else { negative = true }
                    turned = false
                    index = next + (cue?.1 ?? 1)
                    continue
                }
                // A negated dislike is mild praise: "wasn't bad", "not so bad", "not boring at all",
                // "didn't hate it" (a trial's "jaws wasnt bad" had been "not for you").
                if let (feeling, length) = cue, feeling == .disliked, Vocabulary.turnableDislikes.contains(tokens[next + length - 1]) {
                    if turned { negative = true } else { positive = true }
                    turned = false
                    index = next + length
                    continue
                }
            }
            // "too long", "too depressing": too much of something ("loved it too" is not).
            if tokens[index] == "too", let next = tokens[safe: index + 1], next != "|", !Vocabulary.stopwords.contains(next),
               !Vocabulary.connectors.contains(next), !Vocabulary.praiseAfterToo.contains(next) {
                negative = true
            }
            // "was too much for me", "a bit much": more than one could take ("much" is a stopword
            // above, and a trial's "the shining was too much for me" became "More like The Shining").
            if !positive, tokens[safe: index + 1] == "much", tokens[index] == "too" || tokens[index] == "bit" && tokens[safe: index - 1] == "a" {
                negative = true
            }
            index += 1
        }
        return (negative ? .disliked : positive ? .liked : seen ? .seen : nil, unseen)
    }

    /// Words between a negation and the judgement it turns round ("never gets boring", "not a
    /// huge fan").
    private static let beforeAJudgement: Set<String> = [
        "that", "all", "at", "ever", "get", "gets", "got", "feel", "feels", "felt", "seem", "seems", "seemed", "a", "an", "huge",
        "big", "massive", "particularly", "terribly", "overly", "super",
    ]

    /// The length of a "not seen" said at `index` ("never seen", "haven't actually watched",
    /// "didn't see", "yet to see"), if one is.
    private static func unseenLength(in tokens: [String], at index: Int) -> Int? {
        if let phrase = Vocabulary.unseenPhrases.first(where: { Vocabulary.phrase($0, at: index, in: tokens) }) { return phrase.count }
        guard Vocabulary.unseenNegators.contains(tokens[index]) else { return nil }
        var next = index + 1
        // "have not seen": "have" before "not" is the negator's.
        while next < tokens.count, next - index <= 3, Vocabulary.unseenFillers.contains(tokens[next]) || tokens[next] == "have" { next += 1 }
        guard let verb = tokens[safe: next] else { return nil }
        // "didn't see it", "did not watch it": the past; "don't watch horror" is no film's.
        let past = tokens[index] == "didnt" || tokens[index] == "not" && tokens[safe: index - 1] == "did"
        // "never seen anything like it", "never seen a better one": praise of the film, not unseen.
        if let object = tokens[safe: next + 1], ["anything", "something", "such", "better", "nothing"].contains(object) {
            return nil
        }
        return ["seen", "saw", "watched"].contains(verb) || past && ["see", "watch"].contains(verb) ? next - index + 1 : nil
    }

    /// What is said of a film watched again and again ("I know it by heart", "seen it twice",
    /// "my comfort movie", "watched it a million times"): seen, and liked, for nobody goes back
    /// to a film they dislike. A like, so it outweighs "seen" and the film is never listed again.
    static let rewatches = [
        "by heart", "twice", "many times", "so many times", "million times", "hundred times", "thousand times", "zillion times",
        "countless times", "several times", "multiple times", "few times", "couple of times", "couple times", "dozen times",
        "dozens of times", "over and over", "again and again", "comfort movie", "comfort film", "comfort watch",
        "comfort films", "comfort movies", "never gets old", "never get tired", "never tire", "keep rewatching",
        "keeps rewatching", "rewatching", "rewatches", "re watched", "re watch", "re watching", "every christmas", "every year",
        "know every line", "quote every line", "every line", "word for word", "every word", "more times than", "lost count",
    ]

    /// Words that name the user's pick among films ("my favourite", "the greatest film ever",
    /// "my number one", "top of my list", "my all-time fave"): liked, and said before a copula
    /// they make the name after it a film (`MentionContext.namingSubject`).
    static let preferences = [
        "favorite", "favourite", "favorites", "favourites", "fave", "faves", "fav", "favs", "best", "greatest", "finest", "my top", "top of my",
        "top film", "top movie", "top films", "top movies",
        "number one", "number 1", "no 1", "my 1", "goat", "go to", "goto", "all time", "funniest", "scariest",
        "saddest", "coolest", "sweetest", "smartest", "comfort", "most beautiful", "most moving", "most fun", "love most",
        "loved most", "like most", "liked most", "enjoyed most", "enjoy most", "changed my life", "nothing beats", "nothing tops",
        "no film beats", "no movie beats", "cant beat", "hard to beat",
    ]
    static let preferenceCues = preferences.map { $0.split(separator: " ").map(String.init) }

    /// Where a preference said right before `head` starts ("nothing beats | up", "my favourite | heat").
    static func praiseStart(before head: Int, in words: [TextNormalizer.Word]) -> Int? {
        // Only the few words before it are read (a cue is three words at most).
        let from = max(0, head - 4), tokens = words[from..<head].map(\.text)
        return preferenceCues.first { tokens.count >= $0.count && Vocabulary.phrase($0, at: tokens.count - $0.count, in: tokens) }.map { head - $0.count }
    }

    /// Whether a rewatch is said right after `end` ("heat | word for word", "heat | twice").
    static func rewatchFollows(_ end: Int, in words: [TextNormalizer.Word]) -> Bool {
        let tokens = words[min(end, words.count)..<min(words.count, end + 4)].map(\.text)
        return rewatchCues.contains { Vocabulary.phrase($0, at: 0, in: tokens) }
    }

    private static let rewatchCues = rewatches.map { $0.split(separator: " ").map(String.init) }

    /// Words that say how many, before "times" ("a hundred", "like a million", "umpteen").
    static let quantities: Set<String> = [
        "a", "an", "like", "about", "around", "over", "literally", "probably", "at", "least", "maybe", "almost", "nearly",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "zillion", "gazillion", "bazillion",
        "bajillion", "kajillion", "squillion", "dozen", "dozens", "umpteen", "countless", "many", "several", "multiple", "few",
        "couple", "of", "so", "too", "more", "lots", "loads", "numerous", "endless", "infinite", "100", "1000",
    ]

    /// The phrases of `tokens` that count viewings, never a film's name nor a wish: a count
    /// before "times" ("a hundred times", "like 5 times", "umpteen times"), and, where `rewatches`
    /// is true, what is said of a film watched again and again ("twice", "over and over").
    static func viewingCounts(in tokens: [String], rewatches: Bool = true) -> [String] {
        var phrases: [String] = []
        for index in tokens.indices where tokens[index] == "times" {
            var start = index
            while start > 0, index - start < 4, quantities.contains(tokens[start - 1]) || Int(TextNormalizer.titleForm(tokens[start - 1])) != nil { start -= 1 }
            // "times" alone after none of them is a word of a name ("fast times").
            if start < index, tokens[start..<index].contains(where: { $0 != "a" && $0 != "an" && $0 != "like" && $0 != "about" }) {
                phrases.append(tokens[start...index].joined(separator: " "))
            }
        }
        if rewatches {
            for cue in rewatchCues where tokens.indices.contains(where: { Vocabulary.phrase(cue, at: $0, in: tokens) }) {
                let phrase = cue.joined(separator: " ")
                if !phrases.contains(where: { $0.contains(phrase) }) { phrases.append(phrase) }
            }
        }
        return phrases
    }

    /// Whether `tokens` are only a count of viewings ("hundred times", "a million times", "twice").
    static func countsViewings(_ tokens: [String]) -> Bool {
        !tokens.isEmpty && viewingCounts(in: tokens).contains(tokens.joined(separator: " "))
    }

    /// Whether `tokens` say a film was watched again and again (`rewatches`, "seen it 3 times").
    static func saysRewatched(_ tokens: [String]) -> Bool {
        Vocabulary.contains(rewatchCues, in: tokens) || tokens.indices.dropFirst().contains { index in
            tokens[index] == "times" && Int(TextNormalizer.titleForm(tokens[index - 1])).map((2...1000).contains) == true
        }
    }

    private static let cues: [[String]: ChatSession.Feeling] = {
        var cues: [[String]: ChatSession.Feeling] = [:]
        for cue in Vocabulary.seenCues { cues[cue.split(separator: " ").map(String.init)] = .seen }
        for cue in Vocabulary.positiveCues { cues[cue.split(separator: " ").map(String.init)] = .liked }
        for cue in Vocabulary.negativeCues { cues[cue.split(separator: " ").map(String.init)] = .disliked }
        for cue in rewatches + preferences { cues[cue.split(separator: " ").map(String.init)] = .liked }
        return cues
    }()
    private static let longestCueLength = cues.keys.map(\.count).max() ?? 1

    private static let questions = Vocabulary.questionCues.map { $0.split(separator: " ").map(String.init) }

    /// The length of a question to the assistant at `index` ("have you seen"), if any.
    private static func question(in tokens: [String], at index: Int) -> Int? {
        questions.first { index + $0.count <= tokens.count && Array(tokens[index..<(index + $0.count)]) == $0 }?.count
    }

    private static func longestCue(in tokens: [String], at index: Int) -> (ChatSession.Feeling, Int)? {
        for length in stride(from: min(longestCueLength, tokens.count - index), through: 1, by: -1) {
            if let cue = cues[Array(tokens[index..<(index + length)])] { return (cue, length) }
        }
        return nil
    }
}
