import Foundation

/// A tab of `HeadlessChromium`: navigate, run JavaScript, wait for a condition, type, press
/// keys, click, resize, take screenshots. Input goes through the DevTools `Input` domain, so the
/// page sees real key and mouse events (focus moves, buttons activate, forms submit).
public struct BrowserPage: Sendable {
    public let browser: HeadlessChromium
    /// The DevTools session of the tab.
    public let session: String

    public typealias BrowserError = HeadlessChromium.BrowserError

    @discardableResult
    public func send(_ method: String, _ parameters: [String: Any] = [:], timeout: Duration = .seconds(30)) async throws -> HeadlessChromium.Message {
        try await browser.send(method, parameters, session: session, timeout: timeout)
    }

    /// Loads `url` and waits for its `load` event (`document.readyState == "complete"`).
    public func navigate(_ url: String, timeout: Duration = .seconds(30)) async throws {
        let answer = try await send("Page.navigate", ["url": url], timeout: timeout)
        if let error = answer["errorText"] as? String { throw BrowserError("cannot open \(url): \(error)") }
        try await waitUntil("document.readyState === 'complete'", "the page at \(url) to load", timeout: timeout)
    }

    /// The value of a JavaScript expression (promises are awaited), as JSON gives it back.
    /// - Throws: `BrowserError` with the exception's text when the expression throws.
    public func evaluate(_ expression: String, timeout: Duration = .seconds(30)) async throws -> Any? {
        let answer = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true], timeout: timeout)
        if let details = answer["exceptionDetails"] as? [String: Any] {
            let exception = (details["exception"] as? [String: Any])?["description"] as? String
            throw BrowserError("JavaScript failed: \(exception ?? details["text"] as? String ?? "exception") in: \(expression.prefix(200))")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    public func string(_ expression: String) async throws -> String { try await evaluate(expression) as? String ?? "" }
    public func strings(_ expression: String) async throws -> [String] { try await evaluate(expression) as? [String] ?? [] }
    public func number(_ expression: String) async throws -> Double { (try await evaluate(expression) as? NSNumber)?.doubleValue ?? .nan }

    /// Polls `condition` (a JavaScript expression) every 100 ms until it is true.
    /// - Throws: `BrowserError` naming `what` and showing `context` (a JavaScript expression
    ///   evaluated at the timeout, by default the page's text) when `timeout` passes first.
    public func waitUntil(_ condition: String, _ what: String, timeout: Duration = .seconds(30), context: String = "document.body ? document.body.innerText.slice(-1500) : ''") async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await evaluate("Boolean(\(condition))") as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let seen = (try? await evaluate(context)).map { "\(String(describing: $0))" } ?? "(could not read the page)"
        throw BrowserError("timed out after \(timeout) waiting for \(what); the page shows:\n\(seen)\npage errors: \(browser.pageErrors)")
    }

    /// A key press: `Enter`, `Tab`, `Escape`, a space (" "), or a single character; `shift` for Shift+Tab.
    public func press(_ key: String, shift: Bool = false) async throws {
        let named: [String: (code: String, keyCode: Int, text: String?)] = [
            "Enter": ("Enter", 13, "\r"), "Tab": ("Tab", 9, nil), "Escape": ("Escape", 27, nil), " ": ("Space", 32, " "),
            "Backspace": ("Backspace", 8, nil),
        ]
        let (code, keyCode, text): (String, Int, String?)
        if let known = named[key] {
            (code, keyCode, text) = known
        } else {
            let upper = key.uppercased()
            code = upper.first?.isLetter == true ? "Key\(upper)" : ""
            keyCode = Int(upper.unicodeScalars.first?.value ?? 0)
            text = key
        }
        var down: [String: Any] = ["type": text == nil ? "rawKeyDown" : "keyDown", "key": key, "code": code,
                                   "windowsVirtualKeyCode": keyCode, "nativeVirtualKeyCode": keyCode, "modifiers": shift ? 8 : 0]
        if let text { down["text"] = text; down["unmodifiedText"] = text }
        try await send("Input.dispatchKeyEvent", down)
        try await send("Input.dispatchKeyEvent", ["type": "keyUp", "key": key, "code": code,
                                                  "windowsVirtualKeyCode": keyCode, "nativeVirtualKeyCode": keyCode, "modifiers": shift ? 8 : 0])
    }

    /// Types `text` key by key into whatever has the focus.
    public func type(_ text: String) async throws {
        for character in text { try await press(String(character)) }
    }

    /// A left click in the middle of the element `selector` names (scrolled into view first).
    public func click(_ selector: String) async throws {
        let quoted = try Self.quote(selector)
        let box = try await evaluate("""
            (() => { const e = document.querySelector(\(quoted)); if (!e) return null;
              e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2]; })()
            """) as? [Double]
        guard let box, box.count == 2 else { throw BrowserError("nothing to click: no element matches \(selector)") }
        for type in ["mouseMoved", "mousePressed", "mouseReleased"] {
            try await send("Input.dispatchMouseEvent", ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": type == "mouseMoved" ? 0 : 1])
        }
    }

    /// Lays the page out as a screen `width` × `height` CSS pixels (`mobile` honours the viewport meta tag).
    public func setViewport(width: Int, height: Int, mobile: Bool = false) async throws {
        try await send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
    }

    /// Saves a PNG of what the viewport shows to `path` (its folder is made).
    /// - Returns: the PNG's size in bytes.
    @discardableResult
    public func screenshot(to path: String) async throws -> Int {
        let shot = try await send("Page.captureScreenshot", ["format": "png"])
        guard let encoded = shot["data"] as? String, let png = Data(base64Encoded: encoded) else {
            throw BrowserError("Page.captureScreenshot gave no image")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try png.write(to: URL(fileURLWithPath: path))
        return png.count
    }

    /// `value` as a JavaScript string literal.
    public static func quote(_ value: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [value]), as: UTF8.self).dropFirst().dropLast().description
    }
}
