import Foundation

/// A file of public test vectors, kept verbatim under Tests/IndicatorModelTests/Vectors.
struct VectorFile {
    /// Where the file is on disk.
    let url: URL

    /// The file at a path below Vectors/, e.g. `VectorFile("Phone/valid.json")`.
    init(_ path: String) {
        url = vectorsDirectory.appending(path: path)
    }

    /// The file's JSON decoded as a value of the given type.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }

    /// The file's text, for vectors kept in the format their source publishes them in.
    func text() throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }
}

private let vectorsDirectory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Vectors")
