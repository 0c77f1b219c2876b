import Testing

@testable import IndicatorModel

struct Keccak256Tests {
    @Test(
        "Published Keccak-256 digests (Ethereum's, not SHA3-256)",
        arguments: [
            ("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
            ("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        ])
    func publishedDigests(message: String, digest: String) {
        #expect(hexString(keccak256(Array(message.utf8))) == digest)
    }

    @Test func matchesPycryptodomeForEveryLengthUpTo300Bytes() throws {
        let vectors = try VectorFile("Wallet/keccak256.json").decode(KeccakVectors.self).vectors
        #expect(vectors.count == 301)
        for vector in vectors {
            let message = try #require(hexDecoded(Array(vector.message.utf8)))
            #expect(hexString(keccak256(message)) == vector.digest, "message of \(message.count) bytes")
        }
    }
}
