package io.leadledger.console;

import io.leadledger.LeadledgerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Console users from the environment and a file: roles, bcrypt only, a file re-read at login, clear errors. */
class ConsoleUsersTest {

    static final String HASH = new BCryptPasswordEncoder(4).encode("a-long-enough-password");

    private static ConsoleUsers users(String inline, String file) {
        return new ConsoleUsers(new LeadledgerProperties(null, null, null, new LeadledgerProperties.Console(inline, file), null));
    }

    @Test
    void operatorsMayChangeViewersRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# the team\n\nvi:viewer:" + HASH + "\n");
        ConsoleUsers users = users("op:operator:" + HASH, file.toString());
        assertThat(users.loadUserByUsername("op").getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(users.loadUserByUsername("vi").getAuthorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER");
        assertThatThrownBy(() -> users.loadUserByUsername("eve")).isInstanceOf(UsernameNotFoundException.class);

        // the file is read at every login: a user added there can log in without a restart
        Files.writeString(file, "vi:viewer:" + HASH + "\nnew:operator:" + HASH + "\n");
        assertThat(users.loadUserByUsername("new").getUsername()).isEqualTo("new");
    }

    @Test
    void aPlainPasswordOrAnUnknownRoleIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> users("op:operator:secret", "").all())
                .hasMessageContaining("LEADLEDGER_CONSOLE_USERS").hasMessageContaining("must be a bcrypt hash");
        assertThatThrownBy(() -> users("op:admin:" + HASH, "").all()).hasMessageContaining("must be viewer or operator");
        assertThatThrownBy(() -> users("op", "").loadUserByUsername("op")).hasMessageContaining("expected name:role:bcrypt-hash");
        assertThat(users("", "").all()).isEmpty();
    }
}
