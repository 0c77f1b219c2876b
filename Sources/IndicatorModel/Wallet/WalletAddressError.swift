/// Why a wallet address could not be brought into its canonical form.
///
/// Cases carry the facts (the chain, one offending character, a length); `description` tells the
/// person what is wrong and what to do, without repeating the address.
public enum WalletAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text before `:` names no supported chain.
    case unknownChainPrefix(String)
    /// A chain prefix with nothing after it.
    case missingAddress(chain: WalletChain)
    /// A bare address whose chain cannot be told from its shape.
    case undetectableChain
    /// The prefix names one chain, the address has the shape of another.
    case chainMismatch(prefix: WalletChain, detected: WalletChain)
    /// A Bitcoin testnet, signet or regtest address; only mainnet addresses are shared.
    case testnetAddress
    /// A character outside the base58 alphabet.
    case invalidBase58Character(Character)
    /// A base58 address longer than the 35 characters that 25 bytes can take.
    case base58TooLong(chain: WalletChain, characters: Int)
    /// A base58check address that decodes to other than 25 bytes.
    case wrongDecodedLength(chain: WalletChain, bytes: Int)
    /// The last 4 bytes of a base58check address are not the double SHA-256 of the rest.
    case base58ChecksumMismatch(chain: WalletChain)
    /// A base58check address whose version byte belongs to no address type of the chain.
    case wrongVersionByte(chain: WalletChain, version: UInt8)
    /// Not shaped like bech32: too long, no `1` separator, empty prefix or too short a checksum.
    case bech32Malformed
    /// A character that bech32 does not allow at its position.
    case bech32InvalidCharacter(Character)
    /// Upper- and lowercase letters mixed, which BIP-173 forbids.
    case bech32MixedCase
    /// The bech32 checksum matches neither bech32 nor bech32m.
    case bech32ChecksumMismatch
    /// A bech32 prefix (human-readable part) that is not a Bitcoin network's.
    case unknownBech32Prefix(String)
    /// A segwit address with no data before its checksum.
    case missingWitnessVersion
    /// A segwit witness version above 16.
    case invalidWitnessVersion(Int)
    /// Witness version 0 with a bech32m checksum, or version 1 and up with a bech32 one.
    case wrongChecksumVariant(witnessVersion: Int)
    /// A witness program of a length its version does not allow.
    case invalidWitnessProgramLength(witnessVersion: Int, bytes: Int)
    /// More than 4 bits, or non-zero bits, left over when regrouping the program into bytes.
    case invalidWitnessProgramPadding
    /// A character that is not a hex digit in an Ethereum address.
    case invalidHexCharacter(Character)
    /// An Ethereum address with other than 40 hex digits.
    case wrongHexLength(digits: Int)
    /// A mixed-case Ethereum address whose letter case does not match its EIP-55 checksum.
    case eip55ChecksumMismatch

    public var description: String {
        switch self {
        case .unknownChainPrefix(let prefix):
            "unknown chain prefix \"\(prefix)\": use btc:, eth: or trx:, or pass the bare address"
        case .missingAddress(let chain):
            "nothing after the \(chain.rawValue): prefix; add the \(chain) address"
        case .undetectableChain:
            "cannot tell the chain from the address: prefix it with btc:, eth: or trx: (Bitcoin addresses start "
                + "with 1, 3 or bc1, Ethereum with 0x, TRON with T)"
        case .chainMismatch(let prefix, let detected):
            "the prefix says \(prefix) but this is shaped like a \(detected) address; "
                + "use \(detected.rawValue): or check which address was meant"
        case .testnetAddress:
            "this is a Bitcoin testnet, signet or regtest address; scamhub shares mainnet addresses only"
        case .invalidBase58Character(let character):
            "\"\(character)\" is not a base58 character (base58 leaves out 0, O, I and l, which look alike); "
                + "re-copy the address"
        case .base58TooLong(let chain, let characters):
            "\(chain) address has \(characters) characters, at most 35; re-copy just the address"
        case .wrongDecodedLength(let chain, let bytes):
            "\(chain) address decodes to \(bytes) bytes, expected 25; a character is missing or extra, "
                + "re-copy the address"
        case .base58ChecksumMismatch(let chain):
            "\(chain) address fails its base58check checksum: a character was mistyped; re-copy the address"
        case .wrongVersionByte(let chain, let version):
            "version byte 0x\(hexString(CollectionOfOne(version))) is no \(chain) mainnet address type; check the address is "
                + "for \(chain)"
        case .bech32Malformed:
            "not a well-formed bech32 address: it needs a prefix such as bc, the separator 1 and at least 6 "
                + "checksum characters, 90 characters at most; re-copy the whole address"
        case .bech32InvalidCharacter(let character):
            "\"\(character)\" cannot appear in a bech32 address (bech32 leaves out 1, b, i and o after the "
                + "separator); re-copy the address"
        case .bech32MixedCase:
            "bech32 address mixes upper- and lowercase letters, which BIP-173 forbids; write it all in "
                + "lowercase or all in uppercase"
        case .bech32ChecksumMismatch:
            "bech32 address fails its checksum: a character was mistyped; re-copy the address"
        case .unknownBech32Prefix(let prefix):
            "bech32 prefix \"\(prefix)\" is no Bitcoin network's; Bitcoin mainnet segwit addresses start with bc1"
        case .missingWitnessVersion:
            "segwit address has only a checksum after bc1, no witness version or program; re-copy the address"
        case .invalidWitnessVersion(let version):
            "segwit witness version \(version) does not exist (0 to 16); re-copy the address"
        case .wrongChecksumVariant(let version):
            "witness version \(version) addresses use the \(version == 0 ? "bech32 (BIP-173)" : "bech32m (BIP-350)") "
                + "checksum, this one uses \(version == 0 ? "bech32m" : "bech32"); re-copy the address from "
                + "up-to-date wallet software"
        case .invalidWitnessProgramLength(let version, let bytes):
            "segwit version \(version) program of \(bytes) bytes, expected "
                + "\(version == 0 ? "20 or 32" : "2 to 40"); re-copy the address"
        case .invalidWitnessProgramPadding:
            "segwit address has invalid padding bits, so it was not made by a wallet; re-copy the address"
        case .invalidHexCharacter(let character):
            "\"\(character)\" is not a hex digit; Ethereum addresses are 0x and 40 hex digits (0-9, a-f)"
        case .wrongHexLength(let digits):
            "Ethereum address has \(digits) hex digits after 0x, expected 40; re-copy the address"
        case .eip55ChecksumMismatch:
            "mixed-case Ethereum address fails its EIP-55 checksum: a character was mistyped; re-copy it, "
                + "or pass it all-lowercase if the case was changed on purpose"
        }
    }
}
