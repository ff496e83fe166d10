import Foundation

/// The folder that holds what Curator makes: trained models, sessions, onboarded items and
/// caches, one subfolder per dataset (and filter), so different data never mix.
public struct StateDirectory: Sendable {
    public let root: String

    /// The folder at `root`.
    public init(root: String) { self.root = root }

    /// `explicit` when given, else `$CURATOR_STATE`, else `$XDG_DATA_HOME/curator`, else
    /// `~/.local/share/curator`, from the variables an executable read from its environment.
    public init(explicit: String?, environment env: [String: String]) {
        if let explicit { root = explicit }
        else if let state = env["CURATOR_STATE"], !state.isEmpty { root = state }
        else if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { root = xdg + "/curator" }
        else { root = NSHomeDirectory() + "/.local/share/curator" }
    }

    /// The folder for one dataset path and filter: readable name plus a hash of the absolute
    /// path, so two folders both called "data" do not collide.
    public func datasetFolder(path: String, filter: InteractionFilter) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let name = URL(fileURLWithPath: absolute).lastPathComponent
        let hash = CRC32.checksum(Array(absolute.utf8))
        return root + "/datasets/" + name + "-" + String(hash, radix: 16) + "/" + filter.key
    }

    /// The files of one dataset path and filter.
    public func dataset(path: String, filter: InteractionFilter) -> DatasetState {
        DatasetState(folder: datasetFolder(path: path, filter: filter))
    }

    /// Where a trained model of `kind` for that dataset lives.
    public func modelPath(dataset path: String, filter: InteractionFilter, kind: String) -> String {
        dataset(path: path, filter: filter).model(kind)
    }

    /// The calibration records, one per LLM endpoint and model, shared by every dataset.
    public var calibration: String { Self.calibration(root: root) }

    /// `calibration` in the state folder `root`.
    public static func calibration(root: String) -> String { root + "/calibration.json" }

    /// The prompt lab's response cache, shared by every dataset.
    public var promptLabCache: String { root + "/prompt-lab-cache.sqlite" }

    /// A folder Curator will write into cannot be made or written.
    public struct NotWritable: Error, CustomStringConvertible, Sendable, Equatable {
        public var folder: String
        /// Why, naming the part of the path that stopped it ("cannot make /proc/nope: No such
        /// file or directory", "/tmp/state is a file, not a folder").
        public var reason: String
        public var description: String {
            "the state folder \(folder) cannot be made or written: \(reason); choose another with --state or CURATOR_STATE"
        }
    }

    /// Creates `folder` when needed and checks, by writing a probe file, that it can be
    /// written: a command finds out before an hour's fit, not after it.
    /// - Throws: `NotWritable` saying why.
    public static func checkWritable(_ folder: String) throws(NotWritable) {
        if let reason = makeFolders(folder) { throw NotWritable(folder: folder, reason: reason) }
        let probe = folder + "/.write-check.\(ProcessInfo.processInfo.processIdentifier).tmp"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw NotWritable(folder: folder, reason: "cannot write in it: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        unlink(probe)
    }

    /// `mkdir -p`, returning what stopped it, naming the part of the path (`nil` when the
    /// folder is there).
    private static func makeFolders(_ folder: String) -> String? {
        var path = ""
        for component in URL(fileURLWithPath: folder).standardizedFileURL.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) == 0 { continue }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(path, &info) == 0 else { return "cannot make \(path): \(String(cString: strerror(code)))" }
            if (info.st_mode & S_IFMT) != S_IFDIR { return "\(path) is a file, not a folder" }
        }
        return nil
    }
}

/// One dataset's folder in the state folder and every file Curator keeps there: the one
/// place that names them.
public struct DatasetState: Sendable, Equatable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The trained models.
    public var models: String { folder + "/models" }

    /// A trained model of `kind`.
    public func model(_ kind: String) -> String { models + "/" + kind + ".model" }

    /// The tuning results, one file per model kind.
    public var tuning: String { folder + "/tuning" }

    /// The tuning result of models of `kind`.
    public func tuningResult(_ kind: String) -> String { tuning + "/" + kind + ".json" }

    /// The chat's saved sessions (SQLite).
    public var sessions: String { folder + "/sessions.sqlite" }

    /// The chat's line history, one line per entered line.
    public var chatHistory: String { folder + "/chat-history" }

    /// Items added with `curator items add`, with their embeddings.
    public var onboardedItems: String { folder + "/onboarded-items.json" }

    /// Descriptions and themes written by an LLM for items without text (`curator items enhance`).
    public var enhancedItems: String { folder + "/enhanced-items.json" }

    /// The server's feedback and impressions (SQLite).
    public var servingStore: String { folder + "/serving.sqlite" }
}
