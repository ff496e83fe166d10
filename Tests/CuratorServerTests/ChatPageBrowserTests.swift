import CuratorCore
import CuratorHTTP
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

/// A catalog whose films have names people type ("Silent Harbor"), three genres, years, and
/// one title long enough to break a narrow layout that does not wrap.
func chatPageDataset() -> Dataset {
    var c = SyntheticDataset.Configuration()
    c.users = 300
    c.interactions = 8_000
    c.seed = 5
    let genres = ["Horror", "Comedy", "Western"]
    let first = ["Silent", "Crimson", "Hollow", "Golden", "Broken", "Midnight", "Rusty", "Laughing", "Lonely", "Dusty"]
    let second = ["Harbor", "Valley", "Creek", "Mirror", "Canyon", "Garden", "Bridge", "Forest", "Island", "Station", "Highway", "Meadow"]
    let catalog = (0..<120).map { i in
        let title = i == 4
            ? "The Extraordinarily Long-Winded Misadventures of Somebody Who Never Stops Talking About Holiday Photographs (Director's Extended Cut)"
            : "\(first[i % 10]) \(second[i / 10])"
        return Item(id: "m\(i)", title: title, year: 1980 + i % 30, genres: [genres[i % 3]],
                    text: "\(genres[i % 3].lowercased()) film")
    }
    return SyntheticDataset.generate(c, catalog: catalog)
}

/// The package's root folder (screenshots go to its `.build/chat-page`).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Where the browser test saves its screenshots (the README shows this path).
let screenshotFolder = packageRoot.appendingPathComponent(".build/chat-page").path

/// The chat page in Debian's headless Chromium, against the real server on 127.0.0.1.
@Suite("the chat page in a real browser", .serialized)
struct ChatPageBrowserTests {
    /// JavaScript: the cards of the list the buttons act on.
    static let currentCards = "document.querySelectorAll('.reply.current .card')"

    /// Waits until the newest reply is finished and, if it has a list, every reason is final.
    static func waitForReply(_ page: BrowserPage, count: Int, _ what: String) async throws {
        try await page.waitUntil("""
            (() => { const replies = document.querySelectorAll('.reply');
              if (replies.length < \(count) || document.body.classList.contains('busy')) return false;
              const last = replies[replies.length - 1];
              if (last.getAttribute('aria-busy') !== 'false') return false;
              const reasons = last.querySelectorAll('.card .reason');
              return [...reasons].every(r => r.dataset.state === 'final' && r.textContent.length > 0); })()
            """, what, timeout: .seconds(60))
    }

    static func currentIDs(_ page: BrowserPage) async throws -> [String] {
        try await page.strings("[...\(currentCards)].map(c => c.dataset.id)")
    }

    /// Starts Chromium in `folder`, runs `body` with a tab, and always ends the browser.
    static func withBrowser(_ folder: TemporaryDirectory, _ body: (HeadlessChromium, BrowserPage) async throws -> Void) async throws {
        let browser = try HeadlessChromium(folder: folder.path)
        do {
            let page = try await browser.newPage()
            try await body(browser, page)
            await browser.close()
        } catch {
            let log = browser.logTail()
            await browser.close()
            throw HeadlessChromium.BrowserError("\(error)\nChromium's log ends:\n\(log)")
        }
    }

    /// Opens the page of `server` in a fresh browser (a `width` × `height` window) once it has
    /// its session, runs `body`, and always ends the browser.
    static func withOpenPage(_ server: LiveServer, width: Int = 1000, height: Int = 900, _ body: (HeadlessChromium, BrowserPage) async throws -> Void) async throws {
        let folder = TemporaryDirectory("curator-page")
        try await withBrowser(folder) { browser, page in
            try await page.setViewport(width: width, height: height)
            try await page.navigate("http://127.0.0.1:\(server.port)/")
            try await page.waitUntil("document.body.dataset.session", "the page to open a session")
            try await body(browser, page)
        }
    }

    @Test func aTurnStreamsTheListLikesChangeItAndTheKeyboardAndANarrowScreenWork() async throws {
        let server = try await LiveServer.start(dataset: chatPageDataset())
        try await server.waitForConversations()
        try await Self.withOpenPage(server) { browser, page in
            let session = try await page.string("document.body.dataset.session")
            #expect(try await page.evaluate("document.getElementById('keyform').hidden") as? Bool == true)

            // A turn typed into the message box and sent with the button.
            #expect(try await page.string("document.activeElement.id") == "say")
            try await page.type("I loved Silent Harbor and Golden Harbor, something from the 80s")
            try await page.click("#send")
            try await Self.waitForReply(page, count: 1, "the first list and its explanations")
            let first = try await Self.currentIDs(page)
            #expect(first.count >= 3)
            #expect(try await page.string("document.querySelector('.reply .understood').textContent").contains("Silent Harbor"))
            let titles = try await page.strings("[...\(Self.currentCards)].map(c => c.querySelector('.title').textContent)")
            #expect(titles.allSatisfy { $0.contains("(19") }, "every card shows its year: \(titles)")
            #expect(try await page.strings("[...\(Self.currentCards)].map(c => c.querySelector('.genres').textContent)").allSatisfy { !$0.isEmpty })

            // A like with the mouse: the server records it and the next list changes.
            let liked = first[1]
            try await page.click(".reply.current .card:nth-child(2) .like")
            try await Self.waitForReply(page, count: 2, "the list after the like")
            let second = try await Self.currentIDs(page)
            #expect(!second.isEmpty && second != first)
            #expect(!second.contains(liked))
            #expect(try await page.string("document.querySelectorAll('.reply')[1].querySelector('.understood').textContent").contains("liked"))
            let state = try await server.call("GET", "/v1/sessions/\(session)")
            #expect((state.object["liked"] as? [String])?.contains(liked) == true, "the session holds the like: \(state.text)")
            // The old list keeps its cards but loses its buttons.
            #expect(try await page.number("document.querySelectorAll('.reply.past button').length") == 0)

            // One turn by keyboard only: the focus is back in the message box, Enter sends.
            try await page.waitUntil("document.activeElement && document.activeElement.id === 'say'", "the focus to return to the message box")
            try await page.type("something funny")
            try await page.press("Enter")
            try await Self.waitForReply(page, count: 3, "the list of the keyboard turn")
            // Shift+Tab back to the first card's like button; Enter presses it.
            let target = "document.querySelector('.reply.current .card:nth-child(1) .like')"
            let toLike = try await page.string("\(target).closest('.card').dataset.id")
            for _ in 0..<40 where try await page.evaluate("document.activeElement === \(target)") as? Bool != true {
                try await page.press("Tab", shift: true)
            }
            #expect(try await page.evaluate("document.activeElement === \(target)") as? Bool == true, "Shift+Tab reaches the like button")
            #expect(try await page.string("getComputedStyle(document.activeElement).outlineStyle") != "none", "the focus is visible")
            try await page.press("Enter")
            try await Self.waitForReply(page, count: 4, "the list after the keyboard like")
            let afterKeyboard = try await server.call("GET", "/v1/sessions/\(session)")
            #expect((afterKeyboard.object["liked"] as? [String])?.contains(toLike) == true, "the keyboard like reached the session: \(afterKeyboard.text)")

            // "More" gives items not shown before.
            let beforeMore = try await Self.currentIDs(page)
            try await page.click(".reply.current .more")
            try await Self.waitForReply(page, count: 5, "the list after more")
            #expect(Set(try await Self.currentIDs(page)).isDisjoint(with: beforeMore))
            #expect(try await page.string("document.getElementById('log').getAttribute('aria-live')") == "polite")

            try await page.screenshot(to: screenshotFolder + "/fixture-desktop.png")

            // A phone-wide screen: nothing sticks out sideways, long titles wrap.
            try await page.setViewport(width: 375, height: 800, mobile: true)
            try await page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            #expect(try await page.number("window.innerWidth") == 375)
            let overflow = try await page.number("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            #expect(overflow <= 0, "the page is \(overflow) px wider than a 375 px screen")
            let widest = try await page.number("Math.max(...[...document.querySelectorAll('#log *, .bottom *')].map(e => e.getBoundingClientRect().right))")
            #expect(widest <= 375, "an element reaches \(widest) px on a 375 px screen")
            try await page.evaluate("document.querySelector('.reply.current').scrollIntoView()")
            try await page.screenshot(to: screenshotFolder + "/fixture-375.png")

            #expect(browser.pageErrors.isEmpty, "the page reported errors: \(browser.pageErrors)")
        }
        try await server.stop()
    }

    /// The shipped dataset, as a new user meets it: the README's screenshot
    /// (`.build/chat-page/examples-movies.png`, copied to docs/chat-page.png).
    @Test func theShippedDatasetAsTheReadmeShowsIt() async throws {
        let movies = packageRoot.appendingPathComponent("examples/movies").path
        let dataset = try DatasetLoader.load(path: movies).dataset
        let server = try await LiveServer.start(dataset: dataset)
        try await server.waitForConversations()
        try await Self.withOpenPage(server, width: 760, height: 960) { browser, page in
            try await page.type("I loved Heat and Se7en, something darker but not horror")
            try await page.press("Enter")
            try await Self.waitForReply(page, count: 1, "the first list")
            #expect(try await page.string("document.querySelector('.reply .understood').textContent").contains("Se7en"))
            try await page.evaluate("window.scrollTo(0, 0)")
            let bytes = try await page.screenshot(to: screenshotFolder + "/examples-movies.png")
            #expect(bytes > 10_000)
            let first = try await Self.currentIDs(page)
            try await page.click(".reply.current .card:nth-child(1) .like")
            try await Self.waitForReply(page, count: 2, "the list after the like")
            #expect(try await Self.currentIDs(page) != first)
            #expect(browser.pageErrors.isEmpty, "the page reported errors: \(browser.pageErrors)")
        }
        try await server.stop()
    }

    @Test func thePageAndItsFilesNeedNoKeyAndLoadNothingFromElsewhere() async throws {
        let server = try await LiveServer.started(configure: { $0.apiKeys = ["page-key"] })
        for (path, type) in [("/", "text/html"), ("/page/chat.css", "text/css"), ("/page/chat.js", "text/javascript")] {
            let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
            let response = try await server.client.send(request)
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix(type) == true, "\(path): \(response.headers)")
            #expect(response.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(!text.contains("http://") && !text.contains("https://"), "\(path) refers to another host")
        }
        #expect(try await server.call("GET", "/health/live").status == 200)
        #expect(try await server.call("POST", "/v1/sessions", json: [String: String]()).status == 401)
        #expect(try await server.call("GET", "/metrics").status == 401)
        try await server.stop()
    }

    @Test func withAnAPIKeyThePageAsksForItOnceAndWorks() async throws {
        let server = try await LiveServer.start(dataset: chatPageDataset()) { $0.apiKeys = ["page-key"] }
        try await server.waitForConversations()
        let folder = TemporaryDirectory("curator-page")
        try await Self.withBrowser(folder) { browser, page in
            try await page.navigate("http://127.0.0.1:\(server.port)/")
            try await page.waitUntil("!document.getElementById('keyform').hidden", "the page to ask for the API key")
            #expect(try await page.string("document.activeElement.id") == "key")
            try await page.type("wrong")
            try await page.press("Enter")
            try await page.waitUntil("/not accepted/.test(document.querySelector('#keyform label').textContent)", "the page to refuse a wrong key")
            try await page.type("page-key")
            try await page.press("Enter")
            try await page.waitUntil("document.body.dataset.session && document.getElementById('keyform').hidden", "a session opened with the key")
            try await page.type("I loved Crimson Harbor")
            try await page.press("Enter")
            try await Self.waitForReply(page, count: 1, "a list with the key")
            #expect(try await Self.currentIDs(page).count >= 3)
            #expect(browser.pageErrors.isEmpty, "the page reported errors: \(browser.pageErrors)")
        }
        try await server.stop()
    }
}

@Suite("the DevTools driver fails fast and clearly")
struct HeadlessChromiumFailureTests {
    @Test func aMissingBrowserSaysHowToInstallIt() throws {
        let folder = TemporaryDirectory("curator-page")
        let error = #expect(throws: HeadlessChromium.BrowserError.self) {
            try HeadlessChromium(folder: folder.path, executable: folder.path + "/no-chromium")
        }
        #expect(error?.description.contains("apt-get install chromium") == true)
    }

    @Test func aBrowserThatExitsFailsTheWaitingCallsAtOnce() async throws {
        let folder = TemporaryDirectory("curator-page")
        // A program that ends at once and never answers on the DevTools pipe.
        let browser = try HeadlessChromium(folder: folder.path, executable: "/bin/true")
        let start = ContinuousClock.now
        await #expect(throws: HeadlessChromium.BrowserError.self) { try await browser.newPage(timeout: .seconds(60)) }
        #expect(ContinuousClock.now - start < .seconds(30), "the call waited for its timeout instead of failing when the pipe closed")
        await browser.close()
    }
}
