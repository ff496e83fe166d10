extension Conversation {
    /// A reply being made: its events as an asynchronous sequence.
    ///
    /// The work runs in a task of its own. When the consumer stops listening (its task is
    /// cancelled, or it drops the sequence) that task is cancelled and the LLM work stops.
    /// `interrupt()` stops the LLM work too but keeps the reply going: it still ends with
    /// `finished`, in recall order or with the explanations written so far (Ctrl-C in a terminal).
    public struct Reply: AsyncSequence, Sendable {
        public typealias Element = Event
        public typealias Failure = Never

        private let events: AsyncStream<Event>
        private let work: Task<Void, Never>

        init(observer: (@Sendable (Event) -> Void)?, _ produce: @escaping @Sendable (Emitter) async -> Void) {
            let (events, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .unbounded)
            let work = Task {
                await produce(Emitter(continuation: continuation, observer: observer))
                continuation.finish()
            }
            continuation.onTermination = { termination in
                if case .cancelled = termination { work.cancel() }
            }
            self.events = events
            self.work = work
        }

        public func makeAsyncIterator() -> AsyncStream<Event>.Iterator { events.makeAsyncIterator() }

        /// Stops the LLM work under way; the reply still finishes.
        public func interrupt() { work.cancel() }

        /// Every event, collected until the end of the reply.
        public func collect() async -> [Event] {
            var all: [Event] = []
            for await event in self { all.append(event) }
            return all
        }

        /// The finished reply (nil only when the consumer was cancelled before it ended).
        public func outcome() async -> Outcome? {
            for await event in self {
                if case .finished(let outcome) = event { return outcome }
            }
            return nil
        }
    }
}

extension Conversation {
    /// Where a turn's events go: to the observer, when there is one, as each is made (on the
    /// turn's own task: a server writing the stream gets the list without waiting for the
    /// reply's consumer to be scheduled), then into the reply's sequence.
    struct Emitter: Sendable {
        let continuation: AsyncStream<Event>.Continuation
        let observer: (@Sendable (Event) -> Void)?

        func yield(_ event: Event) {
            observer?(event)
            continuation.yield(event)
        }
    }
}
