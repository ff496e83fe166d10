import Foundation

/// The folder that holds what Curator makes: trained models, sessions, onboarded items and
/// caches, one subfolder per dataset (and filter), so different data never mix.
public struct StateDirectory: Sendable {
    public let root: String

    /// `explicit` when given, else `$CURATOR_STATE`, else `$XDG_DATA_HOME/curator`, else
    /// `~/.local/share/curator`.
    public init(explicit: String? = nil) {
        let env = ProcessInfo.processInfo.environment
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

    /// Where a trained model of `kind` for that dataset lives.
    public func modelPath(dataset path: String, filter: InteractionFilter, kind: String) -> String {
        datasetFolder(path: path, filter: filter) + "/models/" + kind + ".model"
    }
}
