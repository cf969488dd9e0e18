package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SongMappingTest {
  @TempDir Path dir;

  @Test
  void defaultMapping() {
    SongMapping m = SongMapping.defaults();
    assertThat(m.classNames()).containsExactly("classical", "instrumental", "pop");
    for (int s = 1; s <= 12; s++) assertThat(m.classOf("S" + s)).isEqualTo((s - 1) / 4);
    assertThat(m.classOf(" s5 ")).isEqualTo(1);
    assertThat(m.classOf("S13")).isEqualTo(-1);
    assertThat(m.isDefault()).isTrue();
  }

  @Test
  void parsesFileWithHeaderCommentsAndSeparators() throws IOException {
    Path f = dir.resolve("m.csv");
    Files.writeString(f, "song,class\n# comment\n\nS3, pop\nS1;classical\nS2=pop\n\"S4\"\tclassical\n");
    SongMapping m = SongMapping.parse(f);
    assertThat(m.classNames()).containsExactly("pop", "classical");
    assertThat(m.songs()).containsExactly("S3", "S1", "S2", "S4");
    assertThat(m.classOf("S4")).isEqualTo(1);
    assertThat(m.origin()).isEqualTo(f.toString());
    assertThat(m.isDefault()).isFalse();
  }

  @Test
  void badMappingsAreRefused() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "S1,classical\nS2 pop\n");
    assertThatThrownBy(() -> SongMapping.parse(f)).isInstanceOf(BadInputException.class).hasMessage(f + ": row 2: expected 'song,class' (or song=class), got 'S2 pop'");
    assertThatThrownBy(() -> SongMapping.parseOptions(List.of("S1=a", "s1=b"))).hasMessageContaining("'s1' is mapped twice");
    assertThatThrownBy(() -> SongMapping.parseOptions(List.of("S1=a", "S2=a"))).hasMessageContaining("only one class");
    assertThatThrownBy(() -> SongMapping.parseOptions(List.of())).hasMessageContaining("empty");
    assertThatThrownBy(() -> SongMapping.parse(dir.resolve("none.csv"))).hasMessageContaining("file not found");
  }
}
