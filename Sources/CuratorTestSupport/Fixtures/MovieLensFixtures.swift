/// Tiny files in the MovieLens layouts, written by hand so the tests know every answer.
public enum MovieLensFixtures {
    /// ML-100K `u.data`: user, item, rating, timestamp (tabs). Three users, four items.
    public static let u100KData = """
        1\t10\t5\t881250949
        1\t20\t3\t881250950
        1\t30\t4\t881250951
        2\t10\t4\t881250949
        2\t40\t2\t881250960
        3\t20\t1\t881250970
        3\t30\t5\t881250971
        3\t40\t5\t881250972

        """

    /// ML-100K `u.item` in Latin-1 (byte 0xE9 is "é"): id|title|date|video|url|19 genre flags.
    public static var u100KItem: [UInt8] {
        let flags = { (on: [Int]) in (0..<19).map { on.contains($0) ? "1" : "0" }.joined(separator: "|") }
        var bytes: [UInt8] = []
        bytes += Array("10|Heat (1995)|01-Jan-1995||http://x|\(flags([1, 6, 16]))\n".utf8)
        bytes += Array("20|Am".utf8) + [0xE9] + Array("lie (2001)|01-Jan-2001||http://x|\(flags([5, 14]))\n".utf8)
        bytes += Array("30|Se7en (1995)|01-Jan-1995||http://x|\(flags([6, 16]))\n".utf8)
        bytes += Array("40|Untitled|01-Jan-1990||http://x|\(flags([0]))\n".utf8)
        return bytes
    }

    /// ML-1M `ratings.dat` and `movies.dat` ("::"-separated).
    public static let m1MRatings = """
        1::1193::5::978300760
        1::661::3::978302109
        2::1193::4::978298413

        """
    public static let m1MMovies = """
        1193::One Flew Over the Cuckoo's Nest (1975)::Drama
        661::James and the Giant Peach (1996)::Animation|Children's|Musical

        """

    /// ML-latest `ratings.csv`, `movies.csv` (quoted titles with commas) and `tags.csv`.
    public static let latestRatings = """
        userId,movieId,rating,timestamp
        1,1,4.0,964982703
        1,3,4.5,964981247
        2,1,2.5,964982224

        """
    public static let latestMovies = """
        movieId,title,genres
        1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
        3,"Good, the Bad and the Ugly, The (1966)",Action|Western

        """
    public static let latestTags = """
        userId,movieId,tag,timestamp
        2,1,pixar,1445714994
        2,1,Pixar,1445714996
        1,3,spaghetti western,1445714990

        """
}
