public import Foundation

/// The JSON coders every scamhub party uses: snake_case keys come from each type's
/// `CodingKeys`, dates are RFC 3339 / ISO 8601 in UTC, output keys are sorted.
public enum WireCoding {
    /// An encoder writing ISO 8601 dates and sorted keys, without escaping slashes.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder reading ISO 8601 dates.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// Decodes a single raw value (a string, a number) and validates it, turning a validation failure
/// into a decoding error that carries the validation message and the coding path.
func decodeValidated<Raw: Decodable, Value, Failure: Error & CustomStringConvertible>(
    _ decoder: any Decoder, _ make: (Raw) throws(Failure) -> Value
) throws -> Value {
    let raw = try decoder.singleValueContainer().decode(Raw.self)
    do {
        return try make(raw)
    } catch {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
}

/// Why a wire value is out of its allowed range or shape.
public enum WireValueError: Error, Equatable, Sendable, CustomStringConvertible {
    case confidenceOutOfRange(Int)
    case jurisdiction
    case participantID
    case recipientsRequired(TLP)
    case narrativeTooLong(characters: Int, limit: Int)
    case evidenceDigest(index: Int)
    case tooManyItems(field: String, count: Int, limit: Int)

    public var description: String {
        switch self {
        case .confidenceOutOfRange(let value): "confidence must be 0 to 100, got \(value)"
        case .jurisdiction: "jurisdiction must be an ISO 3166-1 alpha-2 code such as \"TH\""
        case .participantID:
            "participant id must be 2 to 64 lowercase letters, digits and inner hyphens, e.g. \"bank-of-example\""
        case .recipientsRequired(let tlp): "TLP \(tlp.rawValue) reports must name their recipients"
        case .narrativeTooLong(let characters, let limit):
            "narrative has \(characters) characters, at most \(limit); put long material in evidence"
        case .evidenceDigest(let index):
            "evidence digest \(index) must be \"sha256:\" followed by 64 lowercase hexadecimal characters"
        case .tooManyItems(let field, let count, let limit): "\(field) has \(count) entries, at most \(limit)"
        }
    }
}
