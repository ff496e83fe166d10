import CuratorColdStart
import CuratorCore
import Testing

@Suite struct ItemFileParserTests {
    @Test func readsJSONLines() throws {
        let items = try ItemFileParser.parseJSONLines("""
        {"id": "a", "title": "Alpha", "year": 2001, "genres": ["Drama"], "text": "x"}

        {"id": "b", "title": "Beta"}
        """, file: "f.jsonl")
        #expect(items.map(\.id) == ["a", "b"])
        #expect(items[0].year == 2001 && items[0].genres == ["Drama"])
    }

    @Test(arguments: [
        ("{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\", \"title\": ", 2),
        ("{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\"}", 2),
        ("{\"id\": \"\", \"title\": \"A\"}", 1),
        ("{\"id\": \"a\", \"title\": \"A\", \"year\": \"soon\"}", 1),
        ("{\"id\": \"a,b\", \"title\": \"A\"}", 1),
    ])
    func aBadJSONLineIsNamed(text: String, line: Int) {
        #expect { try ItemFileParser.parseJSONLines(text, file: "f.jsonl") } throws: { error in
            (error as? DataError)?.line == line && (error as? DataError)?.file == "f.jsonl"
        }
    }

    @Test func readsCSVWithQuotedFields() throws {
        let items = try ItemFileParser.parseCSV("id,title,year,genres,text\nx1,\"Heat, Again\",1995,Action|Crime,\"He said \"\"go\"\"\nnow\"\nx2,Plain,,,\n", file: "f.csv")
        #expect(items.map(\.title) == ["Heat, Again", "Plain"])
        #expect(items[0].genres == ["Action", "Crime"] && items[0].text == "He said \"go\"\nnow" && items[1].year == nil)
    }

    @Test func aBadCSVLineIsNamed() {
        #expect { try ItemFileParser.parseCSV("id,title,year\nx1,A,1999\nx2,B\n", file: "f.csv") } throws: { ($0 as? DataError)?.line == 3 }
        #expect { try ItemFileParser.parseCSV("id,title,year\nx1,A,199x\n", file: "f.csv") } throws: { ($0 as? DataError)?.field == "year" }
        #expect { try ItemFileParser.parseCSV("id,name\nx1,A\n", file: "f.csv") } throws: { ($0 as? DataError)?.kind == .missingColumn("title") }
        #expect { try ItemFileParser.parseCSV("id,title\nx1,\"open\n", file: "f.csv") } throws: { $0 is DataError }
    }
}
