/// A blockchain whose addresses scamhub shares as `wallet` indicators; its raw value is the prefix
/// of the canonical form (`btc:`, `eth:`, `trx:`).
public enum WalletChain: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Bitcoin mainnet: base58check P2PKH and P2SH, bech32 and bech32m segwit.
    case bitcoin = "btc"
    /// Ethereum (and every EVM chain that shares its address format): `0x` and 40 hex digits.
    case ethereum = "eth"
    /// TRON mainnet: base58check with version byte 0x41, the familiar `T…` addresses.
    case tron = "trx"

    /// The chain's name for people, e.g. `Bitcoin`.
    public var description: String {
        switch self {
        case .bitcoin: "Bitcoin"
        case .ethereum: "Ethereum"
        case .tron: "TRON"
        }
    }
}
