import CuratorLLM
import CuratorTestSupport
import Foundation
import Testing

/// The chat page with an LLM step: the local model's explanations arrive under their items,
/// and an LLM that fails shows a notice while the list still comes.
@Suite("the chat page with an LLM, in a real browser", .serialized)
struct ChatPageLLMTests {
    static let prompts = packageRoot.appendingPathComponent("prompts").path

    /// JavaScript: records every change of a reason's state in the page's log, in order, as
    /// `position:old→new` (a MutationObserver sees each `setAttribute`; `new` is the state after
    /// the last change of the batch, so it is read from the next record's old value when there is one).
    static let recordReasonStates = """
        window.reasonStates = [];
        new MutationObserver(records => { records.forEach((r, i) => {
          const later = records.slice(i + 1).find(n => n.target === r.target);
          const now = later ? later.oldValue : r.target.dataset.state;
          window.reasonStates.push(`${r.target.closest('.card').dataset.position}:${r.oldValue}→${now}`); }); })
          .observe(document.getElementById('log'), {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-state']});
        true
        """

    @Test func theLocalModelsExplanationsStreamInUnderTheirItems() async throws {
        let llm = try await SharedLlamaServer.client()
        let server = try await LiveServer.start(dataset: chatPageDataset(), llm: llm) {
            $0.conversation.promptsFolder = Self.prompts
            $0.conversation.explanations = .llm  // the model writes them (no calibration record here)
            $0.conversation.llmWeight = 0  // recall order: only the explanations are the LLM's
            $0.conversation.deadline = .seconds(120)  // a busy machine must not cut them short
            $0.requestTimeout = .seconds(180)
        }
        try await server.waitForConversations()
        try await ChatPageBrowserTests.withOpenPage(server) { browser, page in
            try await page.evaluate(Self.recordReasonStates)
            try await page.type("I loved Silent Harbor and Golden Harbor")
            try await page.press("Enter")
            try await page.waitUntil("""
                document.querySelectorAll('.reply').length === 1 && !document.body.classList.contains('busy')
                """, "the list and the local model's explanations", timeout: .seconds(180))
            let positions = try await page.strings("[...document.querySelectorAll('.reply.current .card')].map(c => c.dataset.position)")
            #expect(positions.count >= 3)
            let changes = try await page.strings("window.reasonStates").map { $0.split(separator: ":", maxSplits: 1).map(String.init) }
            // Each card showed its recall reason first, then the streamed text, then the final reason.
            for position in positions {
                let own = changes.filter { $0.first == position }.map { $0.last ?? "" }
                #expect(own == ["pending→streaming", "streaming→final"], "card \(position): \(own)")
            }
            // The streamed pieces come as written, item after item, before the final reasons.
            let streamed = changes.filter { $0.last == "pending→streaming" }.compactMap(\.first)
            #expect(streamed == positions, "\(changes)")
            let firstFinal = changes.firstIndex { $0.last == "streaming→final" } ?? changes.count
            #expect(changes.prefix(firstFinal).allSatisfy { $0.last == "pending→streaming" }, "\(changes)")
            let reasons = try await page.strings("[...document.querySelectorAll('.reply.current .reason')].map(r => r.textContent)")
            #expect(reasons.allSatisfy { !$0.isEmpty })
            #expect(browser.pageErrors.isEmpty, "the page reported errors: \(browser.pageErrors)")
        }
        try await server.stop()
    }

    @Test func aFailingLLMStepShowsANoticeAndTheListStillComes() async throws {
        // The project's fault server as the LLM: every request fails with a 500.
        let llm = try LocalHTTPServer { _ in ScriptedResponse.text("model crashed", status: 500) }
        var configuration = LLMConfiguration()
        configuration.endpoint = llm.baseURL
        configuration.maxAttempts = 1
        let server = try await LiveServer.start(dataset: chatPageDataset(), llm: LLMClient(configuration: configuration)) {
            $0.conversation.promptsFolder = Self.prompts
            $0.conversation.llmWeight = 1  // the LLM reranks (no calibration record in a fresh state folder)
        }
        try await server.waitForConversations()
        try await ChatPageBrowserTests.withOpenPage(server, width: 900) { browser, page in
            try await page.type("I loved Silent Harbor")
            try await page.press("Enter")
            try await ChatPageBrowserTests.waitForReply(page, count: 1, "the list in recall order")
            #expect(try await page.number("document.querySelectorAll('.reply.current .card').length") >= 3)
            let notice = try await page.string("(document.querySelector('.reply .notice') || {}).textContent || ''")
            #expect(notice.hasPrefix("LLM step skipped"), "the notice: \(notice)")
            #expect(try await page.string("document.querySelector('.reply .notice strong').textContent") == "LLM step skipped")
            // Visible: laid out, above the list it explains, on screen when the answer is done.
            #expect(try await page.number("document.querySelector('.reply .notice').getBoundingClientRect().height") > 0)
            #expect(try await page.evaluate("""
                document.querySelector('.reply .notice').compareDocumentPosition(document.querySelector('.reply .cards')) === Node.DOCUMENT_POSITION_FOLLOWING
                """) as? Bool == true, "the notice comes before the list")
            #expect(try await page.number("document.querySelector('.reply .notice').getBoundingClientRect().bottom") <= 900)
            try await page.screenshot(to: screenshotFolder + "/fallback-notice.png")
            #expect(browser.pageErrors.isEmpty, "the page reported errors: \(browser.pageErrors)")
        }
        llm.stop()
        try await server.stop()
    }

    @Test func stopEndsAnAnswerTheLLMHoldsUpAndTheServerDropsItsWork() async throws {
        // The project's fault server as the LLM: it accepts the rerank request and never answers.
        let llm = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        var configuration = LLMConfiguration()
        configuration.endpoint = llm.baseURL
        configuration.maxAttempts = 1
        configuration.requestTimeout = .seconds(300)
        let server = try await LiveServer.start(dataset: chatPageDataset(), llm: LLMClient(configuration: configuration)) {
            $0.conversation.promptsFolder = Self.prompts
            $0.conversation.llmWeight = 1
            $0.conversation.deadline = .seconds(300)  // only Stop can end this turn early
            $0.requestTimeout = .seconds(300)
            $0.streamHeartbeat = .milliseconds(50)
        }
        try await server.waitForConversations()
        try await ChatPageBrowserTests.withOpenPage(server) { browser, page in
            try await page.type("I loved Silent Harbor")
            try await page.press("Enter")
            try await page.waitUntil("!document.getElementById('stop').hidden", "the Stop button while the answer is written")
            #expect(await llm.wait(upTo: .seconds(30)) { $0.openConnectionCount > 0 }, "the turn asked the LLM")
            try await page.click("#stop")
            try await page.waitUntil("!document.body.classList.contains('busy')", "the page to be free after Stop")
            #expect(try await page.string("document.querySelector('.reply').textContent").contains("Stopped."))
            #expect(await llm.wait(upTo: .seconds(30)) { $0.openConnectionCount == 0 }, "the server dropped the turn's LLM request")
            // The conversation goes on.
            try await page.type("/constraints")
            try await page.press("Enter")
            try await ChatPageBrowserTests.waitForReply(page, count: 2, "the answer after Stop")
            #expect(try await page.string("document.querySelectorAll('.reply')[1].textContent").contains("Constraints"))
            #expect(browser.pageErrors.isEmpty, "the page reported errors: \(browser.pageErrors)")
        }
        llm.stop()
        try await server.stop()
    }
}
