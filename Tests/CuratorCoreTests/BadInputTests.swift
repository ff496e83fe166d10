import CuratorCore
import CuratorTestSupport
import Testing

/// Every kind of bad input is an error naming file, line and field, never a crash or a silent skip.
@Suite("Bad input")
struct BadInputTests {
    private func importError(_ text: String, file: String = "bad.csv", mapping: String = "") throws -> DataError {
        let dir = TemporaryDirectory()
        let path = dir.write(file, text)
        return try #require(throws: DataError.self) {
            try DatasetLoader.importFiles(interactions: path, mapping: InteractionColumnMapping(parsing: mapping), name: "bad")
        }
    }

    @Test func nonNumericTimestampNamesLineAndField() throws {
        let error = try importError("user,item,timestamp\na,x,10\nb,y,yesterday\n")
        #expect(error.kind == .notANumber(value: "yesterday"))
        #expect(error.line == 3)
        #expect(error.field == "timestamp")
        #expect(error.description.hasSuffix("bad.csv:3: field 'timestamp' is not a number: \"yesterday\""))
    }

    @Test func missingColumnInHeader() throws {
        let error = try importError("user,thing\na,x\n")
        #expect(error.kind == .missingColumn("item"))
        #expect(error.line == 1)
        // The header, and how to name the columns.
        #expect(error.description.contains("the header has user, thing") && error.description.contains("--columns"), "\(error)")
    }

    /// A role under another common name is read from it, and said: a stranger's "rating" column
    /// had been dropped without a word, every interaction counting 1.
    @Test func aRoleUnderACommonNameIsReadAndSaid() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("r.csv", "reader,book,rating,time\nu1,b1,4,10\nu2,b2,2,20\n")
        let (dataset, report) = try DatasetLoader.importFiles(interactions: path, name: "r")
        #expect(dataset.interactions.count == 2 && Set(dataset.interactions.values) == [4, 2])
        #expect(report.notices.contains { $0.contains("taking column 'rating' as the value") }, "\(report.notices)")
        #expect(report.notices.contains { $0.contains("taking column 'reader' as the user") })
        let jsonl = dir.write("r.jsonl", "{\"user\": \"u1\", \"item\": \"b1\", \"stars\": 5}\n")
        let (fromJSON, _) = try DatasetLoader.importFiles(interactions: jsonl, name: "j")
        #expect(fromJSON.interactions.values == [5])
    }

    /// A header and nothing else is refused at import, not written as a dataset nothing can read.
    @Test func aHeaderAloneIsNoDataset() throws {
        let error = try importError("user,item\n")
        #expect(error.description.contains("no interactions to import"), "\(error)")
    }

    /// A bad --columns reads as its message, not as a Swift value.
    @Test func aBadMappingReadsAsItsMessage() {
        #expect(throws: DataError.Kind.self) { try InteractionColumnMapping(parsing: "usr=user") }
        do { _ = try InteractionColumnMapping(parsing: "usr=user") } catch {
            #expect("\(error)" == "unknown role 'usr' in column mapping (known: user, item, timestamp, value)")
        }
    }

    @Test func explicitlyMappedColumnMustExist() throws {
        let error = try importError("user,item\na,x\n", mapping: "timestamp=when")
        #expect(error.kind == .missingColumn("when"))
    }

    @Test func missingFieldOnALine() throws {
        let error = try importError("user,item,timestamp\na,x,1\nb,y\nc,z,3\n")
        #expect(error.kind == .missingColumn("timestamp"))
        #expect(error.line == 3)
    }

    @Test func wrongSeparatorIsExplained() throws {
        let error = try importError("user;item;timestamp\na;x;1\n")
        #expect(error.kind == .wrongSeparator(expected: ",", found: ";"))
        #expect(error.description.contains("semicolons"))
    }

    @Test func truncatedLastLine() throws {
        let error = try importError("user,item,timestamp\na,x,1\nb,y", file: "cut.csv")
        #expect(error.kind == .truncated)
        #expect(error.line == 3)
    }

    @Test func undecodableBytes() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("latin.csv", bytes: Array("user,item\nb".utf8) + [0xE9, 0xFF] + Array(",x\n".utf8))
        let error = try #require(throws: DataError.self) { try DatasetLoader.importFiles(interactions: path, name: "x") }
        #expect(error.kind == .undecodable(encoding: "UTF-8"))
        #expect(error.line == 2 && error.field == "user")
    }

    @Test func truncatedAndMalformedJSONLines() throws {
        let dir = TemporaryDirectory()
        let cut = dir.write("cut.jsonl", "{\"user\": 1, \"item\": 2}\n{\"user\": 1, \"it")
        let truncated = try #require(throws: DataError.self) { try DatasetLoader.importFiles(interactions: cut, name: "x") }
        #expect(truncated.kind == .truncated && truncated.line == 2)
        let broken = dir.write("broken.jsonl", "{\"user\": 1 \"item\": 2}\n{\"user\": 1, \"item\": 2}\n")
        let malformed = try #require(throws: DataError.self) { try DatasetLoader.importFiles(interactions: broken, name: "x") }
        #expect(malformed.line == 1)
        guard case .malformedJSON = malformed.kind else { Issue.record("expected malformed JSON, got \(malformed.kind)"); return }
    }

    /// A catalog's wrong shapes say the right one: genres as one string, a JSON array, an
    /// object spread over lines.
    @Test func aCatalogsWrongShapeSaysTheRightOne() throws {
        let dir = TemporaryDirectory()
        let cases = [
            ("piped.jsonl", #"{"id":"a","title":"A","genres":"Fantasy|Mystery"}"# + "\n", #"a list of strings, such as ["Fantasy", "Mystery"]"#),
            ("array.jsonl", #"[{"id":"a","title":"A"},"# + "\n" + #"{"id":"b","title":"B"}]"# + "\n", "not a JSON array"),
            ("pretty.jsonl", "{\n  \"id\": \"a\",\n  \"title\": \"A\"\n}\n", "one whole item object"),
            ("year.jsonl", #"{"id":"a","title":"A","year":"1999"}"# + "\n", "a whole number"),
        ]
        for (name, text, said) in cases {
            let error = try #require(throws: DataError.self) { try ItemFileReader.readJSONL(path: dir.write(name, text), options: ReadOptions()) }
            #expect(error.line == 1 && "\(error)".contains(said), "\(name): \(error)")
        }
    }

    @Test func emptyFile() throws {
        let error = try importError("")
        #expect(error.kind == .emptyFile)
    }

    @Test func skipBadLinesCountsWhatItSkipped() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("mixed.csv", "user,item,timestamp\na,x,1\nb,y,oops\nc,z,3\nd,w\n")
        let (d, report) = try DatasetLoader.importFiles(interactions: path, name: "x", options: ReadOptions(skipBadLines: true))
        #expect(d.interactions.count == 2)
        #expect(report.skippedLines == 2)
        #expect(report.examples.map(\.line) == [3, 5])
    }

    @Test func badItemLinesInMovieLens100K() throws {
        let dir = TemporaryDirectory()
        dir.write("ml/u.data", "1\t10\t5\tnot-a-time\n")
        let error = try #require(throws: DataError.self) { try DatasetLoader.load(path: dir.path + "/ml") }
        #expect(error.field == "timestamp" && error.line == 1 && error.file.hasSuffix("u.data"))
    }
}
