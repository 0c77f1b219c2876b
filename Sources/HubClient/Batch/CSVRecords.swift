/// Splits CSV text (RFC 4180: comma-separated, `"`-quoted fields with `""` for a quote, CRLF or LF
/// line ends, line breaks allowed inside quotes) into records, each with the line it starts on.
/// A malformed record — text after a closing quote, a quote never closed — is reported with its line
/// and skipped, and the records after it are still read.
public struct CSVRecords: Sequence, Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// One record, or why it is not one.
    public struct Record: Sendable, Equatable {
        /// The line the record starts on, from 1.
        public var line: Int
        public var fields: Result<[String], CSVError>
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        public mutating func next() -> Record? {
            // Blank lines between records are skipped.
            while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D { newline() }
            guard position < bytes.count else { return nil }
            let start = line
            var fields: [String] = []
            var field: [UInt8] = []
            while true {
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    position += 1
                    var closed = false
                    while position < bytes.count {
                        let byte = bytes[position]
                        if byte == UInt8(ascii: "\"") {
                            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                                field.append(byte)
                                position += 2
                                continue
                            }
                            position += 1
                            closed = true
                            break
                        }
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                        position += 1
                    }
                    guard closed else {
                        return Record(line: start, fields: .failure(.unclosedQuote))
                    }
                    if position < bytes.count, ![UInt8(ascii: ","), 0x0A, 0x0D].contains(bytes[position]) {
                        skipLine()
                        return Record(line: start, fields: .failure(.textAfterQuote))
                    }
                } else {
                    while position < bytes.count, ![UInt8(ascii: ","), 0x0A, 0x0D].contains(bytes[position]) {
                        field.append(bytes[position])
                        position += 1
                    }
                }
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if position < bytes.count { newline() }
                return Record(line: start, fields: .success(fields))
            }
        }

        private mutating func newline() {
            if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
            position += 1
            line += 1
        }

        private mutating func skipLine() {
            while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            if position < bytes.count { newline() }
        }
    }
}

/// Why a CSV record could not be read.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    case unclosedQuote
    case textAfterQuote

    public var description: String {
        switch self {
        case .unclosedQuote: "a quoted field is never closed"
        case .textAfterQuote: "text follows a closing quote (write a quote inside a quoted field as \"\")"
        }
    }
}
