public import Foundation

/// A moment in the audit log: whole microseconds since 1970, written in RFC 3339 UTC with exactly
/// six fractional digits (`2026-11-26T01:57:36.123456Z`), so that one moment has one spelling.
public struct AuditTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// `date` rounded to the microsecond.
    public init(_ date: Date) {
        microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    public static func < (lhs: AuditTime, rhs: AuditTime) -> Bool { lhs.microseconds < rhs.microseconds }

    public var description: String {
        let (seconds, fraction) = microseconds.floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        var text = String(year).leftPadded(to: 4) + "-" + String(month).leftPadded(to: 2) + "-"
        text += String(day).leftPadded(to: 2) + "T" + String(secondOfDay / 3600).leftPadded(to: 2) + ":"
        text += String(secondOfDay / 60 % 60).leftPadded(to: 2) + ":" + String(secondOfDay % 60).leftPadded(to: 2)
        return text + "." + String(fraction).leftPadded(to: 6) + "Z"
    }

    /// Parses exactly the written form; nil for anything else.
    public init?(parsing text: some StringProtocol) {
        guard let time = Array(text.utf8).withUnsafeBufferPointer({ AuditTime(parsing: $0) }) else { return nil }
        self = time
    }

    /// Parses exactly the written form from UTF-8 bytes; nil for anything else.
    init?(parsing bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 27, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
            bytes[19] == 46, bytes[26] == 90
        else { return nil }
        func field(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte &- 48 < 10 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = field(0..<4), let month = field(5..<7), let day = field(8..<10), let hour = field(11..<13),
            let minute = field(14..<16), let second = field(17..<19), let fraction = field(20..<26),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        let days = days(fromCivil: year, month, day)
        microseconds = ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000) + fraction
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = self % divisor
        return remainder < 0 ? (self / divisor - 1, remainder + divisor) : (self / divisor, remainder)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

private func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level
/// Date Algorithms").
private func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

private func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
