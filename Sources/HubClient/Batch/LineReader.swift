#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor line by line in fixed-size chunks, so that input of any length streams
/// through in constant memory.
///
/// A line is the bytes before `\n`, without a trailing `\r`. A last line without `\n` still counts.
/// Lines longer than `maximumLineLength` are cut there; the rest of such a line is skipped and the
/// line is marked as cut, so garbage cannot exhaust memory.
package struct LineReader {
    private let descriptor: Int32
    private let maximumLineLength: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var isAtEnd = false

    package init(descriptor: Int32, maximumLineLength: Int = 1 << 20, chunkSize: Int = 1 << 16) {
        self.descriptor = descriptor
        self.maximumLineLength = maximumLineLength
        self.buffer = [UInt8](repeating: 0, count: max(chunkSize, maximumLineLength + 1))
    }

    /// A line, and whether it was cut at the maximum length.
    package struct Line {
        package var bytes: ArraySlice<UInt8>
        package var isCut: Bool
    }

    /// Calls `body` with each line until the input ends.
    package mutating func forEachLine(_ body: (Line) throws -> Void) throws(LineReaderError) {
        var skippingRestOfCutLine = false
        while true {
            if let newline = newlineIndex() {
                if skippingRestOfCutLine {
                    skippingRestOfCutLine = false
                } else {
                    try emit(start..<newline, isCut: false, body)
                }
                start = newline + 1
                continue
            }
            if end - start >= maximumLineLength {
                if !skippingRestOfCutLine { try emit(start..<(start + maximumLineLength), isCut: true, body) }
                skippingRestOfCutLine = true
                start = end
            }
            if isAtEnd {
                if start < end, !skippingRestOfCutLine { try emit(start..<end, isCut: false, body) }
                return
            }
            try refill()
        }
    }

    /// The index of the first newline in `buffer[start..<end]`, found with `memchr`.
    private func newlineIndex() -> Int? {
        guard start < end else { return nil }
        return buffer.withUnsafeBufferPointer { raw in
            guard let base = raw.baseAddress, let found = memchr(base + start, 0x0A, end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func emit(_ range: Range<Int>, isCut: Bool, _ body: (Line) throws -> Void) throws(LineReaderError) {
        var range = range
        if !isCut, range.upperBound > range.lowerBound, buffer[range.upperBound - 1] == UInt8(ascii: "\r") {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        do { try body(Line(bytes: buffer[range], isCut: isCut)) } catch { throw .processing(error) }
    }

    private mutating func refill() throws(LineReaderError) {
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                memmove(base, base + start, end - start)
            }
            end -= start
            start = 0
        }
        let count = buffer.withUnsafeMutableBytes { raw in
            read(descriptor, raw.baseAddress! + end, raw.count - end)
        }
        if count < 0 {
            if errno == EINTR { return }
            throw .read(errno: errno)
        }
        if count == 0 { isAtEnd = true }
        end += count
    }
}

/// Why lines could not be read or handled.
package enum LineReaderError: Error, CustomStringConvertible {
    case read(errno: Int32)
    case processing(any Error)

    package var description: String {
        switch self {
        case .read(let code): "cannot read input: \(String(cString: strerror(code)))"
        case .processing(let error): "\(error)"
        }
    }
}
