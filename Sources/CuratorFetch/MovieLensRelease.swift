import Foundation

/// A downloadable dataset: where it lives, its published checksum, and the folder its
/// archive unpacks to.
public struct MovieLensRelease: Sendable, Equatable {
    public var name: String
    public var url: URL
    /// MD5 of the archive, as the publisher lists it.
    public var md5: String
    /// A file whose presence says the unpacked folder is complete.
    public var marker: String

    public init(name: String, url: URL, md5: String, marker: String) {
        self.name = name
        self.url = url
        self.md5 = md5.lowercased()
        self.marker = marker
    }

    /// The releases GroupLens publishes, with their MD5 sums.
    public static let known: [MovieLensRelease] = [
        release("ml-100k", md5: "0e33842e24a9c977be4e0107933c0723", marker: "u.data"),
        release("ml-1m", md5: "c4d9eecfca2ab87c1945afe126590906", marker: "ratings.dat"),
        release("ml-20m", md5: "cd245b17a1ae2cc31bb14903e1204af3", marker: "ratings.csv"),
        release("ml-25m", md5: "6b51fb2759a8657d3bfcbfc42b592ada", marker: "ratings.csv"),
    ]

    /// The base address of the archives at GroupLens.
    public static let baseURL = URL(string: "https://files.grouplens.org/datasets/movielens/")!

    private static func release(_ name: String, md5: String, marker: String) -> MovieLensRelease {
        MovieLensRelease(name: name, url: baseURL.appendingPathComponent(name + ".zip"), md5: md5, marker: marker)
    }

    /// The release called `name`, from `mirror` when given (a base address holding the same
    /// archives; `curator` takes it from `CURATOR_MOVIELENS_URL`).
    /// - Throws: `FetchError` listing the known names.
    public static func named(_ name: String, mirror: URL? = nil) throws -> MovieLensRelease {
        guard var release = known.first(where: { $0.name == name }) else {
            throw FetchError(.unknownRelease, detail: "'\(name)' (known: \(known.map(\.name).joined(separator: ", ")))")
        }
        if let mirror { release.url = mirror.appendingPathComponent(name + ".zip") }
        return release
    }
}

/// Why a fetch failed.
public struct FetchError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        case unknownRelease
        case checksumMismatch
        case badArchive
        case missingDownload
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .unknownRelease: return "unknown dataset \(detail)"
        case .checksumMismatch: return "the download does not match its published checksum: \(detail); it was deleted, try again"
        case .badArchive: return "the archive could not be unpacked: \(detail)"
        case .missingDownload: return "the downloaded file is missing: \(detail)"
        }
    }
}
