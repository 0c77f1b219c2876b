/// A deterministic automaton over the digits 0...9, compiled from a `PhonePattern` through a
/// Thompson NFA and the subset construction; it answers full-match questions in one pass with one
/// table look-up per digit.
///
/// State 0 is the dead state (every transition leads back to it), state 1 the start state.
struct DigitAutomaton: Sendable {
    /// `table[state * 11 + digit]` is the next state; `table[state * 11 + 10]` is 1 if the state
    /// accepts, else 0.
    private let table: [Int32]

    /// Compiles a pattern without `$`; captures are ignored.
    init(_ pattern: PhonePattern) {
        precondition(!pattern.hasEndAnchor, "end anchors are for the backtracking matcher")
        var nfa = ThompsonNFA()
        let accept = nfa.add(.accept)
        let start = nfa.compile(pattern, next: accept)
        let (transitions, accepting) = nfa.determinized(start: start)
        var table: [Int32] = []
        table.reserveCapacity(accepting.count * 11)
        for state in accepting.indices {
            table += transitions[(state * 10)..<(state * 10 + 10)]
            table.append(accepting[state] ? 1 : 0)
        }
        self.table = table
    }

    /// The state after reading `digits` from the start state (0 once no match is possible).
    func state(after digits: DigitString, count: Int? = nil) -> Int {
        let length = Swift.min(count ?? digits.count, digits.count)
        return table.withUnsafeBufferPointer { table in
            digits.withDigits { digits in
                var state = 1
                for index in 0..<length {
                    // Digits are 0...9 and states come from the table itself, so this stays in bounds.
                    state = Int(table[state &* 11 &+ Int(digits[index])])
                    if state == 0 { break }
                }
                return state
            }
        }
    }

    private func isAccepting(_ state: Int) -> Bool {
        table[state &* 11 &+ 10] != 0
    }

    /// Whether the whole of `digits` matches (Java's `matches`, Python's `fullmatch`).
    func matches(_ digits: DigitString) -> Bool {
        isAccepting(state(after: digits))
    }

    /// Whether the first `count` digits match.
    func matches(_ digits: DigitString, count: Int) -> Bool {
        isAccepting(state(after: digits, count: count))
    }

    /// Whether some prefix of `digits` matches (Java's `lookingAt` succeeding at all).
    func matchesPrefix(of digits: DigitString) -> Bool {
        var state = 1
        for index in 0..<digits.count {
            if isAccepting(state) { return true }
            state = Int(table[state &* 11 &+ Int(digits[index])])
            if state == 0 { return false }
        }
        return isAccepting(state)
    }

    /// Whether `digits` can still be extended into a match: every NFA state built by
    /// `ThompsonNFA.compile` leads to acceptance, so only the dead state is hopeless.
    func canExtend(_ digits: DigitString) -> Bool {
        state(after: digits) != 0
    }
}

/// The Thompson construction: one state per digit test or choice, epsilon edges between them.
private struct ThompsonNFA {
    enum State {
        case digits(DigitSet, next: Int)
        case split(Int, Int)
        case epsilon(next: Int)
        case accept
    }

    var states: [State] = []

    mutating func add(_ state: State) -> Int {
        states.append(state)
        return states.count - 1
    }

    /// Adds states matching `pattern` then continuing at `next`; returns the entry state.
    mutating func compile(_ pattern: PhonePattern, next: Int) -> Int {
        switch pattern {
        case .digits(let set):
            return add(.digits(set, next: next))
        case .endOfInput:
            preconditionFailure("end anchors are for the backtracking matcher")
        case .sequence(let items):
            var entry = next
            for item in items.reversed() { entry = compile(item, next: entry) }
            return entry
        case .alternation(let branches):
            var entry = compile(branches[branches.count - 1], next: next)
            for branch in branches.dropLast().reversed() {
                entry = add(.split(compile(branch, next: next), entry))
            }
            return entry
        case .group(let inner, _):
            return compile(inner, next: next)
        case .repetition(let inner, let min, let max):
            var entry = next
            if let max {
                for _ in 0..<(max - min) { entry = add(.split(compile(inner, next: entry), next)) }
            } else {
                let loop = add(.epsilon(next: next))
                let body = compile(inner, next: loop)
                states[loop] = .split(body, next)
                entry = loop
            }
            for _ in 0..<min { entry = compile(inner, next: entry) }
            return entry
        }
    }

    /// The states reachable from `seeds` through epsilon edges, sorted.
    func closure(_ seeds: [Int]) -> [Int] {
        var seen = Set<Int>()
        var stack = seeds
        while let state = stack.popLast() {
            guard seen.insert(state).inserted else { continue }
            switch states[state] {
            case .split(let first, let second): stack += [first, second]
            case .epsilon(let next): stack.append(next)
            case .digits, .accept: break
            }
        }
        return seen.sorted()
    }

    func determinized(start: Int) -> (transitions: [Int32], accepting: [Bool]) {
        var index: [[Int]: Int32] = [[]: 0]
        var sets: [[Int]] = [[]]
        var transitions = [Int32](repeating: 0, count: 10)
        var accepting = [false]
        let initial = closure([start])
        index[initial] = 1
        sets.append(initial)
        var cursor = 1
        while cursor < sets.count {
            let current = sets[cursor]
            accepting.append(current.contains { if case .accept = states[$0] { true } else { false } })
            for digit in UInt8(0)...9 {
                let targets = current.compactMap { state -> Int? in
                    if case .digits(let set, let next) = states[state], set.contains(digit) { return next }
                    return nil
                }
                let target = closure(targets)
                if let known = index[target] {
                    transitions.append(known)
                } else {
                    let number = Int32(sets.count)
                    index[target] = number
                    sets.append(target)
                    transitions.append(number)
                }
            }
            cursor += 1
        }
        return (transitions, accepting)
    }
}
