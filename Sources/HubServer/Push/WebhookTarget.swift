import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A webhook URL the hub may POST to: `https` (or `http` when the operator allows it), and a host that
/// resolves only to public addresses unless the operator allows private ones — so that a participant
/// cannot point the hub at its own loopback, the cloud metadata address or the operator's network (SSRF).
///
/// Checked when a subscription is created and again before every delivery, since a name can be
/// pointed elsewhere after it was checked.
package struct WebhookTarget: Sendable {
    let url: URL
    let host: String

    /// What the operator allows.
    package struct Rules: Sendable {
        package var allowHTTP = false
        package var allowPrivate = false

        package init(allowHTTP: Bool = false, allowPrivate: Bool = false) {
            self.allowHTTP = allowHTTP
            self.allowPrivate = allowPrivate
        }
    }

    /// Parses and checks `text`; resolving the host blocks, so it runs off the cooperative pool.
    static func check(_ text: String, rules: Rules) async throws(WebhookTargetError) -> WebhookTarget {
        guard text.count <= 2_048, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            let host = url.host(percentEncoded: false), !host.isEmpty
        else { throw .malformed }
        guard url.user == nil, url.password == nil else { throw .credentials }
        guard url.fragment == nil else { throw .malformed }
        switch scheme {
        case "https": break
        case "http": guard rules.allowHTTP else { throw .plainHTTP }
        default: throw .malformed
        }
        let target = WebhookTarget(url: url, host: host)
        if !rules.allowPrivate { try await target.checkPublic() }
        return target
    }

    /// Fails when the host resolves to no address or to any non-public one.
    func checkPublic() async throws(WebhookTargetError) {
        let host = self.host
        let result = await Task.detached { () -> Result<[IPAddress], WebhookTargetError> in
            resolve(host)
        }.value
        let addresses = try result.get()
        if let address = addresses.first(where: { !$0.isPublic }) { throw .privateAddress(host, address.description) }
    }
}

/// Why a webhook URL was refused.
enum WebhookTargetError: Error, Equatable, CustomStringConvertible {
    case malformed
    case credentials
    case plainHTTP
    case unresolvable(String)
    case privateAddress(String, String)

    var description: String {
        switch self {
        case .malformed: "url must be an absolute https:// URL with a host and no fragment"
        case .credentials: "url must not carry a user name or password; the hub signs every delivery instead"
        case .plainHTTP: "url must use https; this hub does not allow plain http webhooks (--webhook-allow-http)"
        case .unresolvable(let host): "the host \(host) does not resolve"
        case .privateAddress(let host, let address):
            "the host \(host) resolves to \(address), a loopback, private or reserved address; this hub refuses "
                + "those (--webhook-allow-private)"
        }
    }
}

/// An IPv4 or IPv6 address, as resolved.
struct IPAddress: Equatable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Parses a literal address (`10.0.0.1`, `::1`); nil for anything else.
    init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// Whether the address is globally routable: not loopback, private (RFC 1918, unique local), link-local,
    /// shared (CGNAT), multicast, unspecified, documentation, benchmarking or reserved; IPv6 forms that
    /// embed an IPv4 address are judged by it.
    var isPublic: Bool {
        if bytes.count == 4 { return Self.isPublicV4(bytes) }
        guard bytes.count == 16 else { return false }
        let embedded = Array(bytes[12..<16])
        if bytes[0..<10].allSatisfy({ $0 == 0 }) {
            // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), ::1, ::.
            if bytes[10] == 0xff, bytes[11] == 0xff { return Self.isPublicV4(embedded) }
            return false
        }
        if bytes[0] == 0x00, bytes[1] == 0x64, bytes[2] == 0xff, bytes[3] == 0x9b {
            // 64:ff9b::/96 embeds an IPv4 address in its last 4 bytes; 64:ff9b:1::/48 (local NAT64) elsewhere.
            return bytes[4..<12].allSatisfy { $0 == 0 } && Self.isPublicV4(embedded)
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return Self.isPublicV4(Array(bytes[2..<6])) }  // 6to4
        if bytes[0] & 0xfe == 0xfc { return false }  // fc00::/7 unique local
        if bytes[0] == 0xfe, bytes[1] & 0xc0 == 0x80 { return false }  // fe80::/10 link-local
        if bytes[0] == 0xfe, bytes[1] & 0xc0 == 0xc0 { return false }  // fec0::/10 site-local (deprecated)
        if bytes[0] == 0xff { return false }  // multicast
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0d, bytes[3] == 0xb8 { return false }  // documentation
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x00, bytes[3] == 0x00 { return false }  // Teredo
        if bytes[0..<6] == [0x20, 0x01, 0x00, 0x02, 0x00, 0x00] { return false }  // 2001:2::/48 benchmarking
        if bytes[0] == 0x3f, bytes[1] == 0xff, bytes[2] & 0xf0 == 0 { return false }  // 3fff::/20 documentation
        return bytes[0] & 0xe0 == 0x20  // 2000::/3, global unicast
    }

    private static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): false
        case (100, 64...127): false  // shared address space (CGNAT)
        case (169, 254): false  // link-local, cloud metadata
        case (172, 16...31): false
        case (192, 168): false
        case (192, 0): b[2] != 0 && b[2] != 2  // 192.0.0.0/24 IETF, 192.0.2.0/24 documentation
        case (198, 18...19): false  // benchmarking
        case (198, 51): b[2] != 100
        case (203, 0): b[2] != 113
        case (224...255, _): false  // multicast, reserved, broadcast
        default: true
        }
    }
}

/// Every address `host` resolves to.
private func resolve(_ host: String) -> Result<[IPAddress], WebhookTargetError> {
    let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if let literal = IPAddress(bare) { return .success([literal]) }
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(bare, nil, &hints, &list) == 0, let first = list else { return .failure(.unresolvable(host)) }
    defer { freeaddrinfo(list) }
    var addresses: [IPAddress] = []
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let info = cursor {
        if let address = info.pointee.ai_addr {
            switch info.pointee.ai_family {
            case AF_INET:
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    var raw = $0.pointee.sin_addr
                    addresses.append(IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) }))
                }
            case AF_INET6:
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    var raw = $0.pointee.sin6_addr
                    addresses.append(IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) }))
                }
            default: break
            }
        }
        cursor = info.pointee.ai_next
    }
    return addresses.isEmpty ? .failure(.unresolvable(host)) : .success(addresses)
}
