/// A buffer that parallel workers only read.
///
/// `@unchecked Sendable` is sound under that discipline: nobody writes to the memory while
/// `Parallel.forEachChunk` runs (it joins every worker before returning), and the owner keeps
/// the memory alive for that whole time.
struct SharedReads<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int

    init(_ buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    /// The memory as a buffer (for binary search and other buffer algorithms).
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    subscript(index: Int) -> Element { base[index] }
}
