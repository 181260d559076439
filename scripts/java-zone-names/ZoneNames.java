import java.util.*;
/**
 * For every TimeZone ID: the zone token java.util.Date.toString() prints (the controller's
 * results-<ts>.txt dates) at mid-January and mid-July 2024, with the zone's offset (minutes) then.
 */
public class ZoneNames {
  public static void main(String[] a) {
    long jan = 1705320000000L; // 2024-01-15T12:00:00Z
    long jul = 1721044800000L; // 2024-07-15T12:00:00Z
    for (String id : TimeZone.getAvailableIDs()) {
      TimeZone tz = TimeZone.getTimeZone(id);
      TimeZone.setDefault(tz);
      StringBuilder sb = new StringBuilder(id);
      for (long t : new long[]{jan, jul}) {
        String[] parts = new Date(t).toString().split(" ");
        sb.append('\t').append(parts[4]).append('\t').append(tz.getOffset(t) / 60000);
      }
      System.out.println(sb);
    }
  }
}
