import Foundation
import Testing

@testable import IndicatorModel

/// Vectors/FlagList/vectors.json, written by tools/generate-flaglist-vectors.py (Python hashlib + struct).
struct FlagListVectors: Decodable {
    var codes: Codes
    var entryHashes: [EntryHash]
    var digests: [DigestVector]
    var snapshots: [SnapshotVector]
    var corruptions: [Corruption]

    enum CodingKeys: String, CodingKey {
        case codes, digests, snapshots, corruptions
        case entryHashes = "entry_hashes"
    }

    static func load() throws -> Self {
        try VectorFile("FlagList/vectors.json").decode(Self.self)
    }

    struct Codes: Decodable {
        var kind: [String]
        var list: [String]
        var category: [String]
        var confidenceBand: [String]

        enum CodingKeys: String, CodingKey {
            case kind, list, category
            case confidenceBand = "confidence_band"
        }
    }

    struct EntryHash: Decodable {
        var key: FlagListKey
        var entryHash: String

        init(from decoder: any Decoder) throws {
            key = try FlagListKey(from: decoder)
            entryHash = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .entryHash)
        }

        enum CodingKeys: String, CodingKey {
            case entryHash = "entry_hash"
        }
    }

    struct DigestVector: Decodable {
        var name: String
        var keys: [FlagListKey]
        var digest: String
    }

    struct SnapshotVector: Decodable {
        var name: String
        var cursor: Int64
        var policyVersion: String
        /// In snapshot order.
        var entries: [FlagListEntry]
        var digest: String
        var hex: String

        var bytes: [UInt8] { bytesFromHex(hex) }

        enum CodingKeys: String, CodingKey {
            case name, cursor, entries, digest, hex
            case policyVersion = "policy_version"
        }
    }

    struct Corruption: Decodable {
        var name: String
        var hex: String
        var error: ExpectedError

        var bytes: [UInt8] { bytesFromHex(hex) }
    }

    /// The error a reader must throw, as the generator names it.
    struct ExpectedError: Decodable {
        var `case`: String
        var field: String?
        var code: UInt8?
        var entry: Int?
        var index: Int?
        var tableCount: Int?
        var length: Int?
        var needed: Int?
        var version: UInt8?
        var cursor: String?
        var entryCount: String?
        var bytesFollowing: Int?
        var stated: String?
        var computed: String?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case `case`, field, code, entry, index, length, needed, version, cursor, stated, computed, reason
            case tableCount = "table_count"
            case entryCount = "entry_count"
            case bytesFollowing = "bytes_following"
        }

        /// The Swift error case the generator's name and facts stand for.
        func formatError() throws -> FlagListFormatError {
            switch self.case {
            case "not_a_snapshot": return .notASnapshot
            case "truncated": return .truncated(length: try fact(length), needed: try fact(needed))
            case "unsupported_version": return .unsupportedVersion(try fact(version))
            case "reserved_bytes_not_zero": return .reservedBytesNotZero
            case "cursor_out_of_range": return .cursorOutOfRange(try fact(UInt64(try fact(cursor))))
            case "invalid_key_id":
                let reasons: [String: KeyIDError] = ["empty": .empty, "disallowed_character": .disallowedCharacter]
                return .invalidKeyID(index: try fact(index), reason: try fact(reasons[try fact(reason)]))
            case "key_id_table_not_sorted": return .keyIDTableNotSorted(index: try fact(index))
            case "length_mismatch":
                return .lengthMismatch(
                    entryCount: try fact(UInt64(try fact(entryCount))),
                    bytesFollowing: try fact(bytesFollowing))
            case "key_id_index_out_of_range":
                return .keyIDIndexOutOfRange(
                    entry: try fact(entry), index: try fact(index), tableCount: try fact(tableCount))
            case "unknown_code":
                let fields: [String: FlagListFormatError.Field] = [
                    "list": .list, "kind": .kind, "category": .category, "confidence_band": .confidenceBand,
                ]
                return .unknownCode(
                    field: try fact(fields[try fact(field)]), code: try fact(code),
                    entry: try fact(entry))
            case "entries_out_of_order": return .entriesOutOfOrder(entry: try fact(entry))
            case "duplicate_entry": return .duplicateEntry(entry: try fact(entry))
            case "digest_mismatch":
                return .digestMismatch(stated: try fact(stated), computed: try fact(computed))
            default:
                Issue.record("unknown error case \(self.case) in the vectors")
                return .notASnapshot
            }
        }
    }
}

/// A fact the vectors must give for an error case, or a test failure.
private func fact<Value>(_ value: Value?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Value {
    try #require(value, sourceLocation: sourceLocation)
}

/// The bytes that lowercase hexadecimal text stands for (test input only).
func bytesFromHex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { index in
        UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
    }
}

/// SplitMix64: a seeded generator, so shuffles and large lists are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
