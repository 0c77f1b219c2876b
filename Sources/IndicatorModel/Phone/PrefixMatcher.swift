/// A backtracking matcher for `PhonePattern`s with Java's `lookingAt` semantics: the match is
/// anchored at the first digit, need not reach the last, and alternatives and greedy quantifiers
/// are tried in order (leftmost-first), so the match end and capture groups are those Java's
/// `Matcher` and Python's `re.match` report.
///
/// Used for international prefixes and national prefixes for parsing, where the match end and
/// the groups matter; full-match validation uses `DigitAutomaton`.
struct PrefixMatcher: Sendable {
    /// The most capturing groups a pattern may have (libphonenumber's use at most two).
    static let maximumCaptureCount = 3

    fileprivate enum Instruction: Sendable {
        case digits(DigitSet)
        /// Try the first target, then the second.
        case split(Int, Int)
        case jump(Int)
        /// Record the input position in capture slot n (2g: start of group g, 2g+1: its end).
        case save(Int)
        case endOfInput
        case match
    }

    private let program: [Instruction]
    let captureCount: Int

    init(_ pattern: PhonePattern) {
        captureCount = pattern.captureCount
        precondition(captureCount <= Self.maximumCaptureCount, "too many capturing groups")
        var builder = ProgramBuilder()
        builder.emit(pattern)
        builder.program.append(.match)
        program = builder.program
    }

    /// The match at the start of `digits`, or nil.
    func lookingAt(_ digits: DigitString) -> PrefixMatch? {
        var captures = PrefixMatch.unset
        guard let end = run(from: 0, at: 0, in: digits, captures: &captures) else { return nil }
        return PrefixMatch(end: end, slots: captures)
    }

    private func run(from instruction: Int, at position: Int, in digits: DigitString, captures: inout SIMD8<Int8>)
        -> Int?
    {
        var pc = instruction
        var sp = position
        while true {
            switch program[pc] {
            case .digits(let set):
                guard sp < digits.count, set.contains(digits[sp]) else { return nil }
                pc += 1
                sp += 1
            case .split(let first, let second):
                if let end = run(from: first, at: sp, in: digits, captures: &captures) { return end }
                pc = second
            case .jump(let target):
                pc = target
            case .save(let slot):
                let previous = captures[slot]
                captures[slot] = Int8(sp)
                if let end = run(from: pc + 1, at: sp, in: digits, captures: &captures) { return end }
                captures[slot] = previous
                return nil
            case .endOfInput:
                guard sp == digits.count else { return nil }
                pc += 1
            case .match:
                return sp
            }
        }
    }
}

/// Where a `PrefixMatcher` match ends and what its groups captured.
struct PrefixMatch: Equatable, Sendable {
    static let unset = SIMD8<Int8>(repeating: -1)

    let end: Int
    fileprivate let slots: SIMD8<Int8>

    /// The digit positions group `number` (1-based) captured, nil if it did not take part.
    func group(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= PrefixMatcher.maximumCaptureCount else { return nil }
        let start = Int(slots[2 * number])
        let end = Int(slots[2 * number + 1])
        guard start >= 0, end >= start else { return nil }
        return start..<end
    }
}

private struct ProgramBuilder {
    var program: [PrefixMatcher.Instruction] = []

    mutating func emit(_ pattern: PhonePattern) {
        switch pattern {
        case .digits(let set):
            program.append(.digits(set))
        case .endOfInput:
            program.append(.endOfInput)
        case .sequence(let items):
            for item in items { emit(item) }
        case .alternation(let branches):
            var jumpsToEnd: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset == branches.count - 1 {
                    emit(branch)
                } else {
                    let split = placeholder()
                    emit(branch)
                    jumpsToEnd.append(placeholder())
                    program[split] = .split(split + 1, program.count)
                }
            }
            for jump in jumpsToEnd { program[jump] = .jump(program.count) }
        case .group(let inner, let capture):
            if let capture { program.append(.save(2 * capture)) }
            emit(inner)
            if let capture { program.append(.save(2 * capture + 1)) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { emit(inner) }
            if let max {
                var splits: [Int] = []
                for _ in 0..<(max - min) {
                    let split = placeholder()
                    splits.append(split)
                    emit(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = placeholder()
                emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }

    mutating func placeholder() -> Int {
        program.append(.match)
        return program.count - 1
    }
}
