import Foundation
import Hummingbird

/// `GET /` and its two files: the chat page (`Resources/page`: plain HTML, CSS and JavaScript,
/// no build step, nothing fetched from elsewhere). The page holds a session over
/// `/v1/sessions`; it and its files need no API key (the page asks for the key itself and
/// sends it with each API call, see `AuthMiddleware.isPublic`).
struct PageRoutes {
    /// A file of the page: its name in `Resources/page` and its media type.
    struct File: Sendable {
        var name: String
        var type: String
    }

    /// The served path of each file.
    static let files: [(path: String, file: File)] = [
        ("/", File(name: "index.html", type: "text/html; charset=utf-8")),
        ("/page/chat.css", File(name: "chat.css", type: "text/css; charset=utf-8")),
        ("/page/chat.js", File(name: "chat.js", type: "text/javascript; charset=utf-8")),
    ]

    /// The page may load only its own files and talk only to this server.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func register(on table: inout RouteTable) {
        for (path, file) in Self.files {
            table.on(.get, path) { _, _ in
                let data = try Self.contents(of: file)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: file.type, .cacheControl: "no-cache",
                        .contentSecurityPolicy: Self.contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }

    /// The file's bytes from the build's resources.
    /// - Throws: `ServiceError` (500) when the file is missing from the build.
    static func contents(of file: File) throws -> Data {
        let name = (file.name as NSString).deletingPathExtension, ext = (file.name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "page"),
              let data = try? Data(contentsOf: url)
        else {
            throw ServiceError(.internalError, code: "missing_resource", message: "the chat page's \(file.name) is missing from the build")
        }
        return data
    }
}
