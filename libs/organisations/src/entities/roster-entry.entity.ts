import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line of an organisation's roster as last uploaded; a bar number appears once per roster. */
@Entity('roster_entries')
export class RosterEntry {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'bar_number_key', type: 'varchar', length: 50 })
  barNumberKey: string;

  @Column({ name: 'bar_number', type: 'varchar', length: 50 })
  barNumber: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey: string;

  @Column({ name: 'admitted_on', type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ type: 'int' })
  line: number;
}
