// scamhub's own registry of platforms: hand-written because it is our standard, documented row by
// row in docs/platforms.md. A change here changes tokens, so it needs a docs change and a note in
// the CHANGELOG.

extension Platform {
    /// Every platform scamhub knows, in the order docs/platforms.md lists them.
    static let all: [Platform] = [
        Platform(
            name: "facebook", aliases: ["fb"],
            rules: [
                // Numeric profile ids (profile.php?id=…).
                IdentifierRule(
                    selector: .allDigits, syntax: .name(characters: "0-9", length: 1...20, isCaseInsensitive: false)),
                // Facebook ignores dots and case in usernames: john.smith55 is johnsmith55.
                IdentifierRule(
                    syntax: .name(characters: "a-z0-9.", length: 5...50, isCaseInsensitive: true, ignored: ".")),
            ],
            profileURLs: [
                "facebook.com/profile.php?id={id}", "facebook.com/people/*/{id}", "facebook.com/{id}",
                "fb.com/profile.php?id={id}", "fb.com/{id}",
            ],
            reservedNames: [
                "profile.php", "home.php", "photo.php", "story.php", "permalink.php", "groups", "pages", "watch",
                "events", "marketplace", "gaming", "login", "help", "hashtag", "reel", "share", "sharer.php",
            ]),
        Platform(
            name: "instagram", aliases: ["ig"],
            rules: [
                IdentifierRule(
                    optionalLeading: at, syntax: .name(characters: "a-z0-9._", length: 1...30, isCaseInsensitive: true))
            ],
            profileURLs: ["instagram.com/{id}", "instagr.am/{id}"],
            reservedNames: ["p", "reel", "reels", "explore", "stories", "accounts", "direct", "tv", "about"]),
        Platform(
            name: "telegram", aliases: ["tg"],
            rules: [
                IdentifierRule(
                    optionalLeading: at, syntax: .name(characters: "a-z0-9_", length: 5...32, isCaseInsensitive: true))
            ],
            profileURLs: ["t.me/{id}", "t.me/s/{id}", "telegram.me/{id}", "telegram.me/s/{id}", "telegram.dog/{id}"],
            reservedNames: ["joinchat", "addstickers", "addemoji", "share", "proxy", "socks", "setlanguage", "login"]),
        Platform(
            name: "whatsapp", aliases: ["wa"],
            rules: [IdentifierRule(syntax: .phoneNumber())],
            profileURLs: ["wa.me/{id}", "api.whatsapp.com/send?phone={id}", "whatsapp.com/send?phone={id}"]),
        Platform(
            name: "line",
            rules: [
                // Official accounts: @ and a basic or premium id; the @ stays, it is a separate namespace.
                IdentifierRule(
                    selector: .leading(at), canonicalPrefix: "@",
                    syntax: .name(characters: "a-z0-9._-", length: 2...20, isCaseInsensitive: true)),
                // Personal LINE ids, written ~id in links.
                IdentifierRule(
                    optionalLeading: UInt8(ascii: "~"),
                    syntax: .name(characters: "a-z0-9._-", length: 4...20, isCaseInsensitive: true)),
            ],
            profileURLs: ["line.me/ti/p/{id}", "line.me/R/ti/p/{id}"]),
        Platform(
            name: "wechat", aliases: ["weixin"],
            rules: [IdentifierRule(syntax: .name(characters: "a-z0-9_-", length: 6...20, isCaseInsensitive: true))]),
        Platform(
            name: "tiktok",
            rules: [
                IdentifierRule(
                    optionalLeading: at, syntax: .name(characters: "a-z0-9._", length: 2...24, isCaseInsensitive: true))
            ],
            profileURLs: ["tiktok.com/@{id}"]),
        Platform(
            name: "x", aliases: ["twitter"],
            rules: [
                IdentifierRule(
                    optionalLeading: at, syntax: .name(characters: "a-z0-9_", length: 1...15, isCaseInsensitive: true))
            ],
            profileURLs: ["x.com/{id}", "twitter.com/{id}"],
            reservedNames: [
                "home", "explore", "search", "i", "settings", "notifications", "messages", "intent", "share", "login",
                "signup", "tos", "privacy", "compose", "hashtag",
            ]),
        Platform(
            name: "zalo",
            rules: [IdentifierRule(syntax: .phoneNumber(nationalRegion: "VN"))],
            profileURLs: ["zalo.me/{id}"]),
        Platform(
            name: "viber",
            rules: [IdentifierRule(syntax: .phoneNumber())]),
        Platform(
            name: "signal",
            rules: [
                IdentifierRule(selector: .phoneLike, syntax: .phoneNumber()),
                // Usernames: a nickname, a dot and at least two digits.
                IdentifierRule(
                    optionalLeading: at,
                    syntax: .name(characters: "a-z0-9_.", length: 6...42, isCaseInsensitive: true)),
            ]),
        Platform(
            name: "discord",
            rules: [
                // User ids are 17- to 20-digit snowflakes.
                IdentifierRule(
                    selector: .allDigits, syntax: .name(characters: "0-9", length: 17...20, isCaseInsensitive: false)),
                IdentifierRule(
                    optionalLeading: at,
                    syntax: .name(characters: "a-z0-9_.", length: 2...32, isCaseInsensitive: true)),
            ],
            profileURLs: ["discord.com/users/{id}", "discordapp.com/users/{id}"]),
        Platform(
            name: "youtube", aliases: ["yt"],
            rules: [
                IdentifierRule(
                    selector: .leading(at), canonicalPrefix: "@",
                    syntax: .name(characters: "a-z0-9._-", length: 3...30, isCaseInsensitive: true)),
                // Channel ids are case-sensitive: UC and 22 characters.
                IdentifierRule(
                    selector: .prefix("UC", length: 24),
                    syntax: .name(characters: "A-Za-z0-9_-", length: 24...24, isCaseInsensitive: false)),
                IdentifierRule(
                    canonicalPrefix: "@",
                    syntax: .name(characters: "a-z0-9._-", length: 3...30, isCaseInsensitive: true)),
            ],
            profileURLs: ["youtube.com/@{id}", "youtube.com/channel/{id}"]),
        Platform(
            name: "linkedin",
            rules: [IdentifierRule(syntax: .name(characters: "a-z0-9-", length: 3...100, isCaseInsensitive: true))],
            profileURLs: ["linkedin.com/in/{id}"]),
        Platform(
            name: "snapchat",
            rules: [
                IdentifierRule(
                    optionalLeading: at, syntax: .name(characters: "a-z0-9._-", length: 3...15, isCaseInsensitive: true)
                )
            ],
            profileURLs: ["snapchat.com/add/{id}", "snapchat.com/@{id}"]),
        Platform(
            name: "kakaotalk", aliases: ["kakao"],
            rules: [IdentifierRule(syntax: .name(characters: "a-z0-9._-", length: 4...20, isCaseInsensitive: true))]),
        Platform(
            name: "shopee",
            rules: [IdentifierRule(syntax: .name(characters: "a-z0-9._", length: 5...30, isCaseInsensitive: true))],
            profileURLs: shopeeSites.map { "\($0)/{id}" },
            reservedNames: ["search", "cart", "user", "buyer", "seller", "mall", "flash_sale", "daily_discover"]),
        Platform(
            name: "lazada",
            rules: [IdentifierRule(syntax: .name(characters: "a-z0-9._-", length: 1...100, isCaseInsensitive: true))],
            profileURLs: lazadaSites.map { "\($0)/shop/{id}" }),
    ]

    /// The platform names, for error messages.
    static let knownNames = all.map(\.name).joined(separator: ", ")
}

private let at = UInt8(ascii: "@")
private let shopeeSites = [
    "shopee.co.th", "shopee.vn", "shopee.co.id", "shopee.com.my", "shopee.ph", "shopee.sg", "shopee.tw",
    "shopee.com.br",
]
private let lazadaSites = ["lazada.co.th", "lazada.vn", "lazada.co.id", "lazada.com.my", "lazada.com.ph", "lazada.sg"]
