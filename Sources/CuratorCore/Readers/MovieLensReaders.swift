import Foundation

/// Readers for the MovieLens releases, each recognised by the files in its folder.
enum MovieLens {
    /// The 19 genres of ML-100K's `u.item` flags, in column order (as in `u.genre`).
    static let genres100K = [
        "unknown", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary",
        "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
        "Thriller", "War", "Western",
    ]

    /// ML-100K: `u.data` (user, item, rating, timestamp; tabs) and `u.item` (Latin-1, '|').
    static func read100K(folder: String, options: ReadOptions) throws -> (DatasetAssembler, ReadReport) {
        var assembler = DatasetAssembler()
        let layout = DelimitedLayout(
            separator: "\t", hasHeader: false, user: (0, "user id"), item: (1, "item id"),
            timestamp: (3, "timestamp"), value: (2, "rating"), columnCount: 4)
        var report = try assembler.readInteractions(from: TextFile(path: folder + "/u.data"), layout: layout, options: options)
        let itemPath = folder + "/u.item"
        if FileManager.default.fileExists(atPath: itemPath) {
            report.merge(try assembler.readItems(from: TextFile(path: itemPath), separator: "|", encoding: .latin1, options: options) { fields in
                guard fields.count >= 2 else { throw DataError.Kind.missingColumn("title") }
                let flags = fields.count >= 24 ? Array(fields[5..<24]) : []
                let genres = zip(genres100K, flags).compactMap { $1 == "1" && $0 != "unknown" ? $0 : nil }
                let (title, year) = splitYear(fields[1], fallbackDate: fields.count > 2 ? fields[2] : "")
                return Item(id: fields[0], title: title, year: year, genres: genres)
            })
        }
        return (assembler, report)
    }

    /// ML-1M: `ratings.dat` (`user::movie::rating::timestamp`), `movies.dat` (Latin-1).
    static func read1M(folder: String, options: ReadOptions) throws -> (DatasetAssembler, ReadReport) {
        var assembler = DatasetAssembler()
        let layout = DelimitedLayout(
            separator: "::", hasHeader: false, user: (0, "UserID"), item: (1, "MovieID"),
            timestamp: (3, "Timestamp"), value: (2, "Rating"), columnCount: 4)
        var report = try assembler.readInteractions(from: TextFile(path: folder + "/ratings.dat"), layout: layout, options: options)
        let itemPath = folder + "/movies.dat"
        if FileManager.default.fileExists(atPath: itemPath) {
            report.merge(try assembler.readItems(from: TextFile(path: itemPath), separator: "::", encoding: .latin1, options: options) { fields in
                guard fields.count >= 3 else { throw DataError.Kind.missingColumn(fields.count == 1 ? "Title" : "Genres") }
                let (title, year) = splitYear(fields[1], fallbackDate: "")
                return Item(id: fields[0], title: title, year: year, genres: parseGenres(fields[2]))
            })
        }
        return (assembler, report)
    }

    /// ML-20M/25M/latest: `ratings.csv`, `movies.csv` (quoted CSV, UTF-8), `tags.csv` if present.
    static func readCSVRelease(folder: String, options: ReadOptions) throws -> (DatasetAssembler, ReadReport) {
        var assembler = DatasetAssembler()
        let layout = DelimitedLayout(
            separator: ",", hasHeader: true, user: (0, "userId"), item: (1, "movieId"),
            timestamp: (3, "timestamp"), value: (2, "rating"), columnCount: 4)
        var report = try assembler.readInteractions(from: TextFile(path: folder + "/ratings.csv"), layout: layout, options: options)
        let moviesPath = folder + "/movies.csv"
        if FileManager.default.fileExists(atPath: moviesPath) {
            let mapping = ItemColumnMapping(id: "movieId", title: "title", genres: "genres")
            var items = try ItemFileReader.readCSV(path: moviesPath, mapping: mapping, options: options)
            report.merge(items.report)
            for index in items.items.indices {
                let (title, year) = splitYear(items.items[index].title, fallbackDate: "")
                items.items[index].title = title
                items.items[index].year = items.items[index].year ?? year
                items.items[index].genres = items.items[index].genres.flatMap(parseGenres)
            }
            let tagsPath = folder + "/tags.csv"
            if FileManager.default.fileExists(atPath: tagsPath) {
                let tags = try ItemFileReader.readTagsCSV(path: tagsPath, options: options)
                report.merge(tags.report)
                for index in items.items.indices {
                    items.items[index].tags = tags.tagsByItem[items.items[index].id] ?? []
                }
            }
            for item in items.items { try assembler.addItem(item, file: moviesPath) }
        }
        return (assembler, report)
    }

    /// "Heat (1995)" → ("Heat", 1995). Falls back to the year of a date like "01-Jan-1995".
    static func splitYear(_ raw: String, fallbackDate: String) -> (String, Int?) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
            let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            if inside.count == 4, let year = Int(inside) {
                return (trimmed[..<open].trimmingCharacters(in: .whitespaces), year)
            }
        }
        let dateYear = fallbackDate.split(separator: "-").last.flatMap { Int($0) }
        return (trimmed, dateYear)
    }

    static func parseGenres(_ raw: String) -> [String] {
        raw.split(separator: "|").map(String.init).filter { $0 != "(no genres listed)" && $0 != "unknown" }
    }
}
