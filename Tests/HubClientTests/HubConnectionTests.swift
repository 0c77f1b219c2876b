import Foundation
import Testing

@testable import HubClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct HubConnectionTests {
    /// A loopback port nothing listens on: bound to learn a free number, then closed.
    private func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aHubThatIsNotRunningIsUnreachableAtOnceNamingItsURL() async throws {
        let port = try closedPort()
        let hub = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let key = try APIKey(APIKeyTests.text)
        await #expect {
            try await HubConnection.withDedicatedClient(hub: hub, apiKey: key, timeout: .seconds(10)) {
                try await $0.participants()
            }
        } throws: { error in
            guard case .unreachable(let url, _) = error as? HubClientError else { return false }
            return url == "http://127.0.0.1:\(port)/v1/participants"
                && !"\(error)".contains(APIKeyTests.secret) && "\(error)".contains("may not be running")
        }
    }
}
