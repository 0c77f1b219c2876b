import Testing

@testable import IndicatorModel

/// The canonical forms docs/platforms.md promises, platform by platform.
struct PlatformAccountTests {
    @Test(
        "Telegram",
        arguments: [
            ("telegram:@SomeName", "telegram:somename"), ("TG: somename", "telegram:somename"),
            ("t.me/SomeName", "telegram:somename"), ("https://t.me/some_name", "telegram:some_name"),
            ("telegram.me/somename", "telegram:somename"), ("https://t.me/s/somename", "telegram:somename"),
        ])
    func telegram(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "X, formerly Twitter",
        arguments: [
            ("x.com/SomeName", "x:somename"), ("twitter.com/SomeName", "x:somename"),
            ("twitter:@Some_Name", "x:some_name"), ("https://mobile.twitter.com/somename", "x:somename"),
        ])
    func x(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "TikTok",
        arguments: [
            ("tiktok.com/@Some.Name", "tiktok:some.name"),
            ("https://www.tiktok.com/@somename?lang=en", "tiktok:somename"),
            ("tiktok:@somename", "tiktok:somename"),
        ])
    func tiktok(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "Instagram",
        arguments: [
            ("instagram.com/some.name/", "instagram:some.name"),
            ("https://www.instagram.com/Some_Name/?hl=en", "instagram:some_name"),
            ("ig:@somename", "instagram:somename"),
        ])
    func instagram(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "Facebook: numeric ids, and usernames without dots or case",
        arguments: [
            ("facebook.com/profile.php?id=100012345678901", "facebook:100012345678901"),
            ("https://m.facebook.com/profile.php?id=100012345678901&ref=bookmarks", "facebook:100012345678901"),
            ("facebook.com/people/Some-Name/100012345678901/", "facebook:100012345678901"),
            ("facebook.com/Some.Name", "facebook:somename"), ("facebook:john.smith.55", "facebook:johnsmith55"),
            ("fb.com/JohnSmith55", "facebook:johnsmith55"),
        ])
    func facebook(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "Phone-number platforms",
        arguments: [
            ("whatsapp:+66812345678", "whatsapp:+66812345678"), ("wa.me/66812345678", "whatsapp:+66812345678"),
            ("https://api.whatsapp.com/send?phone=66812345678&text=hi", "whatsapp:+66812345678"),
            ("WhatsApp: +66 81 234 5678", "whatsapp:+66812345678"),
            ("viber:+66812345678", "viber:+66812345678"), ("zalo:+84912345678", "zalo:+84912345678"),
            ("zalo.me/0912345678", "zalo:+84912345678"),
            ("signal:+66812345678", "signal:+66812345678"), ("signal:Some_Name.42", "signal:some_name.42"),
        ])
    func phonePlatforms(raw: String, expected: String) throws {
        #expect(try canonicalPlatformAccount(raw) == expected)
    }

    @Test(
        "LINE: official accounts keep their @",
        arguments: [
            ("line:@ShopABC", "line:@shopabc"), ("line.me/R/ti/p/@shopabc", "line:@shopabc"),
            ("line.me/R/ti/p/%40shopabc", "line:@shopabc"), ("https://line.me/ti/p/~some.id", "line:some.id"),
            ("line:some.id", "line:some.id"),
        ])
    func line(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "YouTube: handles fold case, channel ids keep it",
        arguments: [
            ("youtube.com/@SomeHandle", "youtube:@somehandle"), ("youtube:SomeHandle", "youtube:@somehandle"),
            ("https://m.youtube.com/channel/UCabcdefghijklmnopqrstuv", "youtube:UCabcdefghijklmnopqrstuv"),
        ])
    func youtube(raw: String, expected: String) throws { #expect(try canonicalPlatformAccount(raw) == expected) }

    @Test(
        "Other platforms",
        arguments: [
            ("wechat:Some_ID1", "wechat:some_id1"), ("weixin:abcdef", "wechat:abcdef"),
            ("discord.com/users/123456789012345678", "discord:123456789012345678"),
            ("discord:Some.Name", "discord:some.name"),
            ("linkedin.com/in/Some-Name-123/", "linkedin:some-name-123"),
            ("https://www.linkedin.com/in/somename?trk=x", "linkedin:somename"),
            ("snapchat.com/add/Some.Name", "snapchat:some.name"), ("snapchat:@somename", "snapchat:somename"),
            ("kakao:SomeID", "kakaotalk:someid"),
            ("shopee.co.th/some.shop", "shopee:some.shop"), ("https://shopee.vn/SomeShop?x=1", "shopee:someshop"),
            ("lazada.co.th/shop/some-shop", "lazada:some-shop"),
            ("https://www.lazada.co.th/shop/Some-Shop/?path=index.htm", "lazada:some-shop"),
        ])
    func otherPlatforms(raw: String, expected: String) throws {
        #expect(try canonicalPlatformAccount(raw) == expected)
    }
}

struct PlatformAccountErrorTests {
    @Test(
        "Errors say what is wrong",
        arguments: [
            ("telegram:abcd", PlatformAccountError.identifierTooShort(platform: "telegram", length: 4, range: 5...32)),
            ("x:abcdefghijklmnop", .identifierTooLong(platform: "x", length: 16, range: 1...15)),
            ("telegram:some-name", .disallowedCharacter(platform: "telegram", character: "-")),
            ("instagram:café", .disallowedCharacter(platform: "instagram", character: "é")),
            ("facebook:abcd", .identifierTooShort(platform: "facebook", length: 4, range: 5...50)),
            ("facebook:a.b.c.d", .identifierTooShort(platform: "facebook", length: 4, range: 5...50)),
            (":someone", .missingPlatform),
            ("wechat:abc", .identifierTooShort(platform: "wechat", length: 3, range: 6...20)),
            ("discord:12345", .identifierTooShort(platform: "discord", length: 5, range: 17...20)),
            ("t.me/+AbCdEf123", .notAProfileURL(host: "t.me")), ("t.me/joinchat/AAAA", .notAProfileURL(host: "t.me")),
            ("t.me/somename/123", .notAProfileURL(host: "t.me")), ("t.me", .notAProfileURL(host: "t.me")),
            ("x.com/somename/status/123", .notAProfileURL(host: "x.com")),
            ("x.com/home", .notAProfileURL(host: "x.com")),
            ("tiktok.com/somename", .notAProfileURL(host: "tiktok.com")),
            ("instagram.com/p/Cabc123/", .notAProfileURL(host: "instagram.com")),
            ("instagram.com/explore", .notAProfileURL(host: "instagram.com")),
            ("facebook.com/groups/123", .notAProfileURL(host: "facebook.com")),
            ("https://www.facebook.com/watch", .notAProfileURL(host: "facebook.com")),
            ("facebook.com/profile.php", .notAProfileURL(host: "facebook.com")),
            ("youtube.com/c/SomeName", .notAProfileURL(host: "youtube.com")),
            ("youtube.com/watch?v=abc", .notAProfileURL(host: "youtube.com")),
            ("linkedin.com/company/acme", .notAProfileURL(host: "linkedin.com")),
            ("shopee.co.th/Some-Product-i.123.456", .notAProfileURL(host: "shopee.co.th")),
            ("myspace:someone", .unknownPlatform("myspace")), ("example.com/someone", .unknownHost("example.com")),
            ("@somename", .missingPlatform), ("telegram:", .missingIdentifier(platform: "telegram")),
            ("telegram:@", .missingIdentifier(platform: "telegram")),
            ("ftp://t.me/somename", .unsupportedScheme("ftp")),
            ("viber://chat?number=%2B66812345678", .unsupportedScheme("viber")),
        ])
    func failure(raw: String, expected: PlatformAccountError) {
        #expect(throws: expected) { try canonicalPlatformAccount(raw) }
    }

    @Test(
        "A phone-number platform passes on the phone canonicalizer's reason",
        arguments: [
            ("whatsapp:0812345678", "whatsapp"), ("wa.me/abc", "whatsapp"), ("viber:+1", "viber"),
            ("signal:12", "signal"),
        ])
    func invalidPhoneNumber(raw: String, platform: String) {
        #expect {
            try canonicalPlatformAccount(raw)
        } throws: { error in
            guard case .invalidPhoneNumber(platform, let reason) = error as? PlatformAccountError else { return false }
            return !reason.isEmpty
        }
    }

    @Test func unknownPlatformListsTheKnownOnes() {
        let description = PlatformAccountError.unknownPlatform("myspace").description
        #expect(description.hasPrefix("unknown platform \"myspace\"; known: facebook, instagram, telegram, whatsapp"))
        #expect(description.hasSuffix("shopee, lazada"))
    }
}
