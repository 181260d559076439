import java.util.*;

/**
 * Writes test/fixtures/real/java-dates/dates.tsv: for each zone and instant, the text
 * java.util.Date.toString() prints with that default zone (what the controller writes in
 * results-<ts>.txt), as zone TAB epoch-ms TAB text.
 */
public class JavaDates {
  public static void main(String[] a) {
    String[] zones = {"UTC", "Asia/Shanghai", "America/Chicago", "America/Havana", "Asia/Kolkata",
        "Asia/Jerusalem", "Europe/Dublin", "Europe/London", "Asia/Dhaka", "Europe/Madrid"};
    long[] instants = {
      1718878500000L, // 2024-06-20T10:15:00Z
      1705320000000L, // 2024-01-15T12:00:00Z
      1711846799000L, // 2024-03-31T00:59:59Z (Madrid: last second of CET)
      1711846800000L, // 2024-03-31T01:00:00Z (Madrid: first second of CEST)
      1729989000000L, // 2024-10-27T00:30:00Z (Madrid: 02:30 CEST, the first 02:30)
      1729992600000L, // 2024-10-27T01:30:00Z (Madrid: 02:30 CET, the second 02:30)
    };
    for (String id : zones) {
      TimeZone.setDefault(TimeZone.getTimeZone(id));
      for (long t : instants) System.out.println(id + "\t" + t + "\t" + new Date(t));
    }
  }
}
