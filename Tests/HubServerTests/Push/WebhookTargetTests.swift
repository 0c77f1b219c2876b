import Foundation
import Testing

@testable import HubServer

/// What `WebhookTarget.check` says of `text`: nil when it accepts it, else why it refuses.
private func refusal(of text: String, rules: WebhookTarget.Rules = .init()) async -> WebhookTargetError? {
    do throws(WebhookTargetError) {
        _ = try await WebhookTarget.check(text, rules: rules)
        return nil
    } catch {
        return error
    }
}

/// The addresses are judged against the IANA IPv4 and IPv6 Special-Purpose Address Registries
/// (RFC 6890 and the RFCs that updated them): an address in a block whose "Globally Reachable" is False
/// must not be public; ordinary unicast addresses, and blocks the registry marks globally reachable,
/// must be. IPv6 forms that embed an IPv4 address (IPv4-mapped, the 64:ff9b::/96 translation prefix,
/// 6to4) are judged by that IPv4 address, since it is the host a connection would reach.
struct WebhookAddressTests {
    @Test(
        "An address in every non-globally-reachable special-purpose block is not public",
        arguments: [
            ("0.0.0.1", "0.0.0.0/8 this network (RFC 791)"),
            ("10.1.2.3", "10.0.0.0/8 private use (RFC 1918)"),
            ("100.64.0.1", "100.64.0.0/10 shared address space (RFC 6598), first"),
            ("100.127.255.254", "100.64.0.0/10 shared address space (RFC 6598), last"),
            ("127.0.0.1", "127.0.0.0/8 loopback (RFC 1122)"),
            ("169.254.169.254", "169.254.0.0/16 link local (RFC 3927): the cloud metadata address"),
            ("172.16.0.1", "172.16.0.0/12 private use (RFC 1918), first"),
            ("172.31.255.255", "172.16.0.0/12 private use (RFC 1918), last"),
            ("192.0.0.8", "192.0.0.0/24 IETF protocol assignments (RFC 6890): dummy address (RFC 7600)"),
            ("192.0.2.1", "192.0.2.0/24 documentation TEST-NET-1 (RFC 5737)"),
            ("192.168.1.1", "192.168.0.0/16 private use (RFC 1918)"),
            ("198.18.0.1", "198.18.0.0/15 benchmarking (RFC 2544), first"),
            ("198.19.255.255", "198.18.0.0/15 benchmarking (RFC 2544), last"),
            ("198.51.100.7", "198.51.100.0/24 documentation TEST-NET-2 (RFC 5737)"),
            ("203.0.113.9", "203.0.113.0/24 documentation TEST-NET-3 (RFC 5737)"),
            ("224.0.0.1", "224.0.0.0/4 multicast (RFC 5771)"),
            ("240.0.0.1", "240.0.0.0/4 reserved (RFC 1112)"),
            ("255.255.255.255", "255.255.255.255/32 limited broadcast (RFC 919)"),
            ("::", "::/128 unspecified (RFC 4291)"),
            ("::1", "::1/128 loopback (RFC 4291)"),
            ("::ffff:127.0.0.1", "::ffff:0:0/96 IPv4-mapped (RFC 4291) of a loopback address"),
            ("::ffff:10.0.0.1", "::ffff:0:0/96 IPv4-mapped (RFC 4291) of a private address"),
            ("64:ff9b::a00:1", "64:ff9b::/96 IPv4-IPv6 translation (RFC 6052) of 10.0.0.1"),
            ("100::1", "100::/64 discard-only (RFC 6666)"),
            ("fc00::1", "fc00::/7 unique local (RFC 4193)"),
            ("fd12:3456::1", "fc00::/7 unique local (RFC 4193), fd00::/8 half"),
            ("fe80::1", "fe80::/10 link-local unicast (RFC 4291)"),
            ("ff02::1", "ff00::/8 multicast (RFC 4291)"),
            ("2001:db8::1", "2001:db8::/32 documentation (RFC 3849)"),
            ("2002:0a00:0001::1", "2002::/16 6to4 (RFC 3056) of 10.0.0.1"),
        ])
    func nonGlobalAddresses(address text: String, block: String) throws {
        let address = try #require(IPAddress(text), "\(text) does not parse")
        #expect(!address.isPublic, "\(text) in \(block)")
    }

    @Test(
        "Globally reachable addresses are public, including those just outside the special-purpose blocks",
        arguments: [
            "8.8.8.8", "1.1.1.1",
            "100.63.255.255", "100.128.0.0",  // either side of 100.64.0.0/10
            "172.15.255.255", "172.32.0.0",  // either side of 172.16.0.0/12
            "192.169.0.1",  // just past 192.168.0.0/16
            "192.31.196.1",  // 192.31.196.0/24 AS112-v4 (RFC 7535): globally reachable
            "192.52.193.1",  // 192.52.193.0/24 AMT (RFC 7450): globally reachable
            "192.175.48.1",  // 192.175.48.0/24 direct delegation AS112 (RFC 7534): globally reachable
            "2606:4700:4700::1111", "2001:4860:4860::8888",
            "2001:4:112::1",  // 2001:4:112::/48 AS112-v6 (RFC 7535): globally reachable
            "2620:4f:8000::1",  // 2620:4f:8000::/48 direct delegation AS112 (RFC 7534): globally reachable
            "::ffff:8.8.8.8",  // IPv4-mapped: the IPv4 address it names is what a socket reaches
            "64:ff9b::808:808",  // 64:ff9b::/96 (RFC 6052), globally reachable, of 8.8.8.8
        ])
    func globalAddresses(address text: String) throws {
        let address = try #require(IPAddress(text), "\(text) does not parse")
        #expect(address.isPublic, "\(text)")
    }

    /// Blocks the IPv6 registry lists as not globally reachable besides those above.
    @Test(
        "Other non-globally-reachable IPv6 special-purpose blocks are not public",
        arguments: [
            ("64:ff9b:1::808:808", "64:ff9b:1::/48 local-use IPv4/IPv6 translation (RFC 8215)"),
            ("2001:2::1", "2001:2::/48 benchmarking (RFC 5180)"),
            ("3fff::1", "3fff::/20 documentation (RFC 9637)"),
        ])
    func laterNonGlobalIPv6Blocks(address text: String, block: String) throws {
        let address = try #require(IPAddress(text), "\(text) does not parse")
        #expect(!address.isPublic, "\(text) in \(block)")
    }

    @Test("Literals parse to their network-order bytes (RFC 791, RFC 4291 §2.2 and §2.5.5.2)")
    func literalBytes() {
        let private10: [UInt8] = [10, 0, 0, 1]
        let metadata: [UInt8] = [169, 254, 169, 254]
        let unspecified = [UInt8](repeating: 0, count: 16)
        var loopback = unspecified
        loopback[15] = 1
        var mapped = unspecified
        mapped.replaceSubrange(10..<16, with: [0xff, 0xff, 127, 0, 0, 1])
        var documentation = unspecified
        documentation.replaceSubrange(0..<4, with: [0x20, 0x01, 0x0d, 0xb8])
        documentation[15] = 1
        #expect(IPAddress("10.0.0.1")?.bytes == private10)
        #expect(IPAddress("169.254.169.254")?.bytes == metadata)
        #expect(IPAddress("::")?.bytes == unspecified)
        #expect(IPAddress("::1")?.bytes == loopback)
        #expect(IPAddress("::ffff:127.0.0.1")?.bytes == mapped)
        #expect(IPAddress("2001:db8::1")?.bytes == documentation)
        #expect(IPAddress("64:ff9b::a00:1") == IPAddress("64:ff9b::10.0.0.1"))
        #expect(IPAddress("2002:0a00:0001::1") == IPAddress("2002:a00:1:0:0:0:0:1"))
        #expect(IPAddress("192.0.2.1")?.description == "192.0.2.1")
    }

    @Test(
        "Names, and text that is no address in the standard forms, are not literals",
        arguments: [
            "", "localhost", "example.com", "256.0.0.1", "1.2.3", "1.2.3.4.5", "[::1]", "::1::", "fe80::1%eth0",
        ])
    func notLiterals(text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }
}

struct WebhookTargetTests {
    @Test("Plain http is refused unless the operator allows it, before any name is resolved")
    func plainHTTPIsRefused() async {
        #expect(await refusal(of: "http://hooks.example.com/x") == .plainHTTP)
        #expect(await refusal(of: "http://8.8.8.8/hook") == .plainHTTP)
        #expect(await refusal(of: "http://127.0.0.1/", rules: .init(allowPrivate: true)) == .plainHTTP)
    }

    @Test("Loopback, private and link-local literals are refused, naming the address")
    func privateIPv4Literals() async {
        #expect(await refusal(of: "https://127.0.0.1/x") == .privateAddress("127.0.0.1", "127.0.0.1"))
        #expect(await refusal(of: "https://10.0.0.5/") == .privateAddress("10.0.0.5", "10.0.0.5"))
        #expect(
            await refusal(of: "https://169.254.169.254/latest/meta-data")
                == .privateAddress("169.254.169.254", "169.254.169.254"))
        #expect(await refusal(of: "https://192.168.1.1:8443/hook") == .privateAddress("192.168.1.1", "192.168.1.1"))
    }

    @Test(
        "Bracketed IPv6 literals are judged like the addresses they name",
        arguments: [
            ("https://[::1]/x", "::1"),
            ("https://[::ffff:127.0.0.1]/x", "::ffff:127.0.0.1"),
            ("https://[fd00::1]:8443/x", "fd00::1"),
            ("https://[fe80::1]/x", "fe80::1"),
            ("https://[64:ff9b::a9fe:a9fe]/x", "64:ff9b::169.254.169.254"),
        ])
    func privateIPv6Literals(url: String, address: String) async throws {
        let error = await refusal(of: url)
        guard case .privateAddress(let host, let reported)? = error else {
            Issue.record("\(url): \(error.map { "\($0)" } ?? "accepted"), expected a private address")
            return
        }
        // The host may be reported with or without its brackets; the address in any RFC 4291 text form.
        #expect(host == address || host == "[\(address)]" || IPAddress(host) == IPAddress(address), "\(host)")
        let expected = try #require(IPAddress(address))
        #expect(IPAddress(reported) == expected, "\(reported)")
    }

    @Test(
        "Numeric hosts in the other forms inet_aton(3) accepts still reach loopback, and are refused",
        arguments: ["https://2130706433/", "https://0x7f000001/", "https://0177.0.0.1/", "https://127.1/"])
    func otherLoopbackSpellings(url: String) async throws {
        let host = try #require(URL(string: url)?.host())
        switch await refusal(of: url) {
        case .privateAddress(let reportedHost, let address)?:
            #expect(reportedHost == host)
            #expect(IPAddress(address) == IPAddress("127.0.0.1"), "\(address)")
        case .unresolvable(let reportedHost)?:
            #expect(reportedHost == host)
        case let other:
            Issue.record("\(url): \(other.map { "\($0)" } ?? "accepted"), expected a refusal")
        }
    }

    @Test("User names and passwords in the URL are refused")
    func credentialsAreRefused() async {
        #expect(await refusal(of: "https://user:pass@8.8.8.8/") == .credentials)
        #expect(await refusal(of: "https://user@8.8.8.8/") == .credentials)
    }

    @Test(
        "Anything but an absolute http(s) URL with a host and no fragment is malformed",
        arguments: [
            "ftp://8.8.8.8/", "gopher://8.8.8.8/", "file:///etc/passwd", "mailto:ops@8.8.8.8", "not a url",
            "https:///nohost", "//8.8.8.8/hook", "", "https://8.8.8.8/hook#fragment",
            "https://8.8.8.8/" + String(repeating: "a", count: 2_100),
        ])
    func malformedURLs(url: String) async {
        #expect(await refusal(of: url) == .malformed, "\(url.prefix(60))")
    }

    @Test("A public IP literal over https passes with no name to resolve")
    func publicLiteralPasses() async throws {
        let target = try await WebhookTarget.check("https://8.8.8.8/hook", rules: .init())
        #expect(target.url.absoluteString == "https://8.8.8.8/hook")
        #expect(target.host == "8.8.8.8")
        // Schemes are case-insensitive (RFC 3986 §3.1).
        #expect(await refusal(of: "HTTPS://8.8.8.8/hook") == nil)
        #expect(await refusal(of: "https://[2606:4700:4700::1111]:8443/hook") == nil)
    }

    @Test("localhost resolves to loopback and is refused")
    func localhostIsRefused() async throws {
        switch await refusal(of: "https://localhost/") {
        case .privateAddress("localhost", let address)?:
            // 127.0.0.0/8 or ::1 (RFC 1122, RFC 4291).
            let reported = try #require(IPAddress(address), "\(address)")
            let isLoopback = reported.bytes.count == 4 ? reported.bytes[0] == 127 : reported == IPAddress("::1")
            #expect(isLoopback, "\(address)")
        case .unresolvable("localhost")?:
            break  // a resolver without /etc/hosts: still refused
        case let other:
            Issue.record("\(other.map { "\($0)" } ?? "accepted"), expected localhost to be refused")
        }
    }

    @Test("A name in the reserved .invalid domain (RFC 6761 §6.4) does not resolve")
    func invalidDomainDoesNotResolve() async {
        #expect(await refusal(of: "https://nonexistent.invalid/hook") == .unresolvable("nonexistent.invalid"))
    }

    @Test("The operator's rules: http and private addresses only when allowed, each on its own")
    func operatorRules() async {
        let both = WebhookTarget.Rules(allowHTTP: true, allowPrivate: true)
        #expect(await refusal(of: "http://127.0.0.1:9/x", rules: both) == nil)
        #expect(await refusal(of: "https://[::1]:9/x", rules: both) == nil)
        let httpOnly = WebhookTarget.Rules(allowHTTP: true)
        #expect(await refusal(of: "http://127.0.0.1/", rules: httpOnly) == .privateAddress("127.0.0.1", "127.0.0.1"))
        #expect(await refusal(of: "http://8.8.8.8/hook", rules: httpOnly) == nil)
        let privateOnly = WebhookTarget.Rules(allowPrivate: true)
        #expect(await refusal(of: "https://10.0.0.5/", rules: privateOnly) == nil)
        // Neither rule lifts the others: credentials and malformed URLs stay refused.
        #expect(await refusal(of: "http://user:pass@127.0.0.1/", rules: both) == .credentials)
        #expect(await refusal(of: "ftp://127.0.0.1/", rules: both) == .malformed)
    }
}
