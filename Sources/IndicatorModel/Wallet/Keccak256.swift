/// Keccak-256 as Ethereum uses it (EIP-55 address checksums): Keccak[c=512] with the original
/// Keccak padding byte 0x01, which is not SHA3-256 (FIPS 202 pads with 0x06).
///
/// The round constants and rotation offsets are derived at first use from their definitions in
/// FIPS 202 (the rc LFSR and the (t+1)(t+2)/2 triangle numbers) rather than typed in.
func keccak256(_ message: [UInt8]) -> [UInt8] {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: keccakScratchLanes) { lanes in
        lanes.initialize(repeating: 0)
        let state = KeccakState(lanes: lanes)
        var offset = 0
        while message.count - offset >= keccakRate {
            state.absorb(message, from: offset, count: keccakRate)
            state.permute()
            offset += keccakRate
        }
        let tail = message.count - offset
        state.absorb(message, from: offset, count: tail)
        state.xorByte(0x01, at: tail)
        state.xorByte(0x80, at: keccakRate - 1)
        state.permute()
        var digest = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            digest[index] = UInt8(truncatingIfNeeded: lanes[index / 8] >> (8 * UInt64(index % 8)))
        }
        return digest
    }
}

/// Bytes absorbed per permutation: 1600 bits of state minus the 512-bit capacity.
private let keccakRate = 136
/// 25 state lanes, then 25 lanes for the rho-pi output and 5 for the theta column parities.
private let keccakScratchLanes = 55

/// The 24 iota round constants, from the rc(t) LFSR of FIPS 202 Algorithm 5.
private let keccakRoundConstants: [UInt64] = (0..<24).map { round in
    var constant: UInt64 = 0
    for j in 0..<7 where keccakRoundConstantBit(j + 7 * round) {
        constant |= 1 << ((1 << j) - 1)
    }
    return constant
}

private func keccakRoundConstantBit(_ t: Int) -> Bool {
    var register: UInt16 = 1
    for _ in 0..<(t % 255) {
        register <<= 1
        if register & 0x100 != 0 { register ^= 0x171 }
    }
    return register & 1 == 1
}

/// For every lane index x + 5y: the rho rotation and the pi destination index.
private let keccakRhoPi: [(rotation: UInt64, destination: Int)] = {
    var rotations = [UInt64](repeating: 0, count: 25)
    var (x, y) = (1, 0)
    for t in 0..<24 {
        rotations[x + 5 * y] = UInt64((t + 1) * (t + 2) / 2 % 64)
        (x, y) = (y, (2 * x + 3 * y) % 5)
    }
    return (0..<25).map { index in
        let (x, y) = (index % 5, index / 5)
        return (rotations[index], y + 5 * ((2 * x + 3 * y) % 5))
    }
}()

/// A view of the sponge state inside caller-owned scratch memory.
private struct KeccakState {
    let lanes: UnsafeMutableBufferPointer<UInt64>

    func absorb(_ message: [UInt8], from offset: Int, count: Int) {
        for index in 0..<count {
            xorByte(message[offset + index], at: index)
        }
    }

    func xorByte(_ byte: UInt8, at position: Int) {
        lanes[position / 8] ^= UInt64(byte) << (8 * UInt64(position % 8))
    }

    /// Keccak-f[1600]: 24 rounds of theta, rho, pi, chi and iota.
    func permute() {
        let rhoPi = keccakRhoPi
        for round in 0..<24 {
            for x in 0..<5 {
                lanes[50 + x] = lanes[x] ^ lanes[x + 5] ^ lanes[x + 10] ^ lanes[x + 15] ^ lanes[x + 20]
            }
            for x in 0..<5 {
                let d = lanes[50 + (x + 4) % 5] ^ rotated(lanes[50 + (x + 1) % 5], by: 1)
                for y in stride(from: 0, to: 25, by: 5) { lanes[x + y] ^= d }
            }
            for index in 0..<25 {
                lanes[25 + rhoPi[index].destination] = rotated(lanes[index], by: rhoPi[index].rotation)
            }
            for y in stride(from: 0, to: 25, by: 5) {
                for x in 0..<5 {
                    lanes[x + y] = lanes[25 + x + y] ^ (~lanes[25 + (x + 1) % 5 + y] & lanes[25 + (x + 2) % 5 + y])
                }
            }
            lanes[0] ^= keccakRoundConstants[round]
        }
    }

    private func rotated(_ lane: UInt64, by amount: UInt64) -> UInt64 {
        (lane &<< amount) | (lane &>> (64 - amount))  // masking shifts make a rotation by 0 work
    }
}
