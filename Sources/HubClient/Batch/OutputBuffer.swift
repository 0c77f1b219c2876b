#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects output bytes and writes them to a file descriptor in large blocks.
package struct OutputBuffer {
    private let descriptor: Int32
    private let capacity: Int
    package private(set) var bytes: [UInt8] = []

    package init(descriptor: Int32, capacity: Int = 1 << 16) {
        self.descriptor = descriptor
        self.capacity = capacity
        bytes.reserveCapacity(capacity + 4_096)
    }

    package mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func append(contentsOf other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

    package mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Writes the buffer out if it is full.
    package mutating func flushIfFull() throws(OutputError) {
        if bytes.count >= capacity { try flush() }
    }

    package mutating func flush() throws(OutputError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError(errno: errno)
            }
            written += count
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Output could not be written.
package struct OutputError: Error, CustomStringConvertible {
    package let errno: Int32
    package var description: String { "cannot write output: \(String(cString: strerror(errno)))" }
}
