package io.leadledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LeadledgerApplication {
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(LeadledgerApplication.class, args)));
    }
}
