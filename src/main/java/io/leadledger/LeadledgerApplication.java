package io.leadledger;

import io.leadledger.cli.LaunchSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LeadledgerApplication {
    public static void main(String[] args) {
        // system properties outrank application.properties: JSON logs, and a web server for 'schedule' only
        LaunchSettings.properties(args, System.getenv()).forEach(System::setProperty);
        System.exit(SpringApplication.exit(SpringApplication.run(LeadledgerApplication.class, args)));
    }
}
