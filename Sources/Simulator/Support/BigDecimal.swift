/// Decimal text of big numbers, for certificate serials.

enum BigDecimal {
    /// Decimal digits of a big-endian unsigned integer (serial numbers).
    static func string(fromBigEndian bytes: [UInt8]) -> String {
        var digits: [UInt8] = []
        var number = bytes.drop { $0 == 0 }.map { UInt32($0) }
        while !number.isEmpty {
            var remainder: UInt32 = 0
            var next: [UInt32] = []
            for byte in number {
                let acc = remainder * 256 + byte
                let q = acc / 10
                remainder = acc % 10
                if !(next.isEmpty && q == 0) { next.append(q) }
            }
            digits.append(UInt8(remainder))
            number = next
        }
        if digits.isEmpty { return "0" }
        return String(digits.reversed().map { Character(String($0)) })
    }
}
