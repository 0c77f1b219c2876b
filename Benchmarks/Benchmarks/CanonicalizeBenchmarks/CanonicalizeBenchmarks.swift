import Benchmark
import IndicatorModel

/// Canonicalize + hash throughput per kind. Each iteration processes `batch` values, so the
/// reported time per iteration divided by `batch` is the cost of one value; throughput is
/// reported by the harness in iterations/s scaled by `scalingFactor`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    let key = CommunityKey.generate()
    let samples: [(name: String, kind: IndicatorKind, region: String?, values: [String])] = [
        ("phone E.164", .phone, nil, ["+66812345678", "+14155552671", "+447911123456", "+8613812345678"]),
        ("phone national TH", .phone, "TH", ["081 234 5678", "02-123-4567", "089 999 1234", "001 66 81 234 5678"]),
        ("bank_account IBAN", .bankAccount, nil, ["GB82 WEST 1234 5698 7654 32", "iban:DE89370400440532013000"]),
        ("wallet", .wallet, nil, [
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        ]),
        ("url", .url, nil, ["http://www.Example.com/a/../b?q=1#frag", "evil.example/login", "http://3279880203/blah"]),
        ("domain", .domain, nil, ["WWW.Example.COM.", "bücher.example", "login-secure-bank.example"]),
        ("email", .email, nil, ["Some.User@Example.com", "user@bücher.example"]),
        ("ip", .ip, nil, ["192.0.2.1", "2001:DB8:0:0:0:0:0:1"]),
        ("platform_account", .platformAccount, nil, ["https://t.me/Scam_Support_Bot", "telegram:@scam_helper", "x:Elon_Giveaway"]),
    ]

    for sample in samples {
        Benchmark("canonicalize+hash \(sample.name)") { benchmark in
            for index in benchmark.scaledIterations {
                let raw = sample.values[index % sample.values.count]
                let canonical = try canonicalize(raw, as: sample.kind, region: sample.region)
                blackHole(Token(for: canonical, using: key))
            }
        }
    }

    Benchmark("hash only (HMAC-SHA256 of a canonical phone number)") { benchmark in
        let value = try canonicalize("+66812345678", as: .phone)
        for _ in benchmark.scaledIterations {
            blackHole(Token(for: value, using: key))
        }
    }
}
