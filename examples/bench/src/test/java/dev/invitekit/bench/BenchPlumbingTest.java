package dev.invitekit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's own plumbing: its baseline does the work it claims, and the tables land where they should. */
class BenchPlumbingTest {
  @Test
  void theHandWrittenBaselineRendersInvitekitsTemplatesWithATokenPerAddress() {
    HandWrittenInvite baseline = new HandWrittenInvite();
    HandWrittenInvite.Mail[] mails = baseline.invite(new String[] {"a@acme.com", "b@acme.com"}, LocalDate.of(2026, 12, 9));

    assertThat(baseline.size()).isEqualTo(2);
    assertThat(mails[0].subject()).isEqualTo("Dana Whitfield invited you to join Acme on Invitekit");
    assertThat(mails[0].text()).contains("https://app.example.com/invitations/").contains("a@acme.com")
        .doesNotContain("{");
    assertThat(mails[1].html()).contains("Create account").contains("b@acme.com").doesNotContain("{link}");
    assertThat(mails[0].text()).isNotEqualTo(mails[1].text());
  }

  @Test
  void verdictsCompareTheRatioOrForTheHeapTheBytesWithTheTarget() {
    Ratios.Row fast = new Ratios.Row("InviteBench", "invite20", "", 30, 1, "us/op", "b", 20, 1.5, 3.0, "≤ 3x");
    Ratios.Row slow = new Ratios.Row("InviteBench", "invite20", "", 90, 1, "us/op", "b", 20, 4.5, 3.0, "≤ 3x");
    Ratios.Row heap = Ratios.heapRow(993, 2000);

    assertThat(fast.verdict()).isEqualTo("met");
    assertThat(slow.verdict()).isEqualTo("**missed**");
    assertThat(heap.verdict()).isEqualTo("**missed**");
    assertThat(Ratios.markdown(List.of(fast, heap), true, Map.of("cores", "2")))
        .contains("| InviteBench.invite20 |").contains("1.50x").contains("993 bytes").contains("Smoke run");
  }

  @Test
  void docsTablesReplaceOnlyWhatIsBetweenTheMarkers(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("performance.md");
    Files.writeString(page, "# P\nbefore\n" + DocsTables.START + "\nold\n" + DocsTables.END + "\nafter\n");

    DocsTables.replace(page, "| new |");

    assertThat(Files.readString(page)).isEqualTo("# P\nbefore\n" + DocsTables.START + "\n| new |\n"
        + DocsTables.END + "\nafter\n");
    Path unmarked = dir.resolve("other.md");
    Files.writeString(unmarked, "no markers");
    assertThatThrownBy(() -> DocsTables.replace(unmarked, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void benchmarkSevenRunsWhenNamedAloneOrByAPatternJmhWouldMatch() {
    assertThat(BenchMain.wantsHeap(List.of())).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("HeapPerInvitation"))).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("Heap.*"))).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("\\.InviteBench", "HeapPer"))).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("\\.InviteBench"))).isFalse();
    assertThat(BenchMain.wantsHeap(List.of("ContactsBench"))).isFalse();
  }
}
